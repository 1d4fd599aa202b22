package dev.warren.inventory;

/**
 * What the server form posts. A mutable bean, so that a mistyped port is reported next to
 * the other mistakes instead of hiding them; the rules live on {@link ServerCommand}.
 */
class ServerForm {

	private String name;

	private String host;

	private Integer sshPort = 22;

	private String sshUser;

	private AuthType authType = AuthType.PRIVATE_KEY;

	private String password;

	private String privateKey;

	private String passphrase;

	private OperatingSystem os = OperatingSystem.LINUX;

	private String nodeName;

	private Integer amqpPort = 5672;

	private Integer managementPort = 15672;

	private String managementUser;

	private String managementPassword;

	private boolean clearManagementPassword;

	private String rabbitmqctlPath;

	private boolean useSudo;

	static ServerForm of(ServerView view) {
		ServerForm form = new ServerForm();
		form.name = view.name();
		form.host = view.host();
		form.sshPort = view.sshPort();
		form.sshUser = view.sshUser();
		form.authType = view.auth().type();
		form.os = view.os();
		form.nodeName = view.nodeName();
		form.amqpPort = view.amqpPort();
		form.managementPort = view.managementPort();
		form.managementUser = view.managementUser();
		form.rabbitmqctlPath = view.rabbitmqctlPath();
		form.useSudo = view.useSudo();
		return form;
	}

	ServerCommand toCommand() {
		return new ServerCommand(this.name, this.host, this.sshPort, this.sshUser, this.authType, this.password,
				this.privateKey, this.passphrase, this.os, this.nodeName, this.amqpPort, this.managementPort,
				this.managementUser, this.managementPassword, this.clearManagementPassword, this.rabbitmqctlPath,
				this.useSudo)
			.withDefaults();
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public Integer getSshPort() {
		return this.sshPort;
	}

	public void setSshPort(Integer sshPort) {
		this.sshPort = sshPort;
	}

	public String getSshUser() {
		return this.sshUser;
	}

	public void setSshUser(String sshUser) {
		this.sshUser = sshUser;
	}

	public AuthType getAuthType() {
		return this.authType;
	}

	public void setAuthType(AuthType authType) {
		this.authType = authType;
	}

	/** Write-only: a secret is never put back into a page. */
	public String getPassword() {
		return null;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getPrivateKey() {
		return null;
	}

	public void setPrivateKey(String privateKey) {
		this.privateKey = privateKey;
	}

	public String getPassphrase() {
		return null;
	}

	public void setPassphrase(String passphrase) {
		this.passphrase = passphrase;
	}

	public OperatingSystem getOs() {
		return this.os;
	}

	public void setOs(OperatingSystem os) {
		this.os = os;
	}

	public String getNodeName() {
		return this.nodeName;
	}

	public void setNodeName(String nodeName) {
		this.nodeName = nodeName;
	}

	public Integer getAmqpPort() {
		return this.amqpPort;
	}

	public void setAmqpPort(Integer amqpPort) {
		this.amqpPort = amqpPort;
	}

	public Integer getManagementPort() {
		return this.managementPort;
	}

	public void setManagementPort(Integer managementPort) {
		this.managementPort = managementPort;
	}

	public String getManagementUser() {
		return this.managementUser;
	}

	public void setManagementUser(String managementUser) {
		this.managementUser = managementUser;
	}

	public String getManagementPassword() {
		return null;
	}

	public void setManagementPassword(String managementPassword) {
		this.managementPassword = managementPassword;
	}

	public boolean isClearManagementPassword() {
		return this.clearManagementPassword;
	}

	public void setClearManagementPassword(boolean clearManagementPassword) {
		this.clearManagementPassword = clearManagementPassword;
	}

	public String getRabbitmqctlPath() {
		return this.rabbitmqctlPath;
	}

	public void setRabbitmqctlPath(String rabbitmqctlPath) {
		this.rabbitmqctlPath = rabbitmqctlPath;
	}

	public boolean isUseSudo() {
		return this.useSudo;
	}

	public void setUseSudo(boolean useSudo) {
		this.useSudo = useSudo;
	}

}
