package dev.warren.balancer;

/**
 * What the balancer form posts; a mutable bean so that a mistyped port does not hide the
 * other mistakes. The rules live on {@link BalancerCommand}.
 */
class BalancerForm {

	private String name;

	private BalancerKind kind = BalancerKind.NGINX;

	private Long clusterId;

	private Long hostServerId;

	private String listenAddress = "0.0.0.0";

	private Integer listenPort = 5672;

	private String configPath;

	private String validateCommand;

	private String reloadCommand;

	static BalancerForm of(BalancerView view) {
		BalancerForm form = new BalancerForm();
		form.name = view.name();
		form.kind = view.kind();
		form.clusterId = view.clusterId();
		form.hostServerId = view.hostServerId();
		form.listenAddress = view.listenAddress();
		form.listenPort = view.listenPort();
		form.configPath = view.configPath();
		form.validateCommand = view.validateCommand();
		form.reloadCommand = view.reloadCommand();
		return form;
	}

	BalancerCommand toCommand() {
		return new BalancerCommand(this.name, this.kind, this.clusterId, this.hostServerId, this.listenAddress,
				this.listenPort, this.configPath, this.validateCommand, this.reloadCommand);
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public BalancerKind getKind() {
		return this.kind;
	}

	public void setKind(BalancerKind kind) {
		this.kind = kind;
	}

	public Long getClusterId() {
		return this.clusterId;
	}

	public void setClusterId(Long clusterId) {
		this.clusterId = clusterId;
	}

	public Long getHostServerId() {
		return this.hostServerId;
	}

	public void setHostServerId(Long hostServerId) {
		this.hostServerId = hostServerId;
	}

	public String getListenAddress() {
		return this.listenAddress;
	}

	public void setListenAddress(String listenAddress) {
		this.listenAddress = listenAddress;
	}

	public Integer getListenPort() {
		return this.listenPort;
	}

	public void setListenPort(Integer listenPort) {
		this.listenPort = listenPort;
	}

	public String getConfigPath() {
		return this.configPath;
	}

	public void setConfigPath(String configPath) {
		this.configPath = configPath;
	}

	public String getValidateCommand() {
		return this.validateCommand;
	}

	public void setValidateCommand(String validateCommand) {
		this.validateCommand = validateCommand;
	}

	public String getReloadCommand() {
		return this.reloadCommand;
	}

	public void setReloadCommand(String reloadCommand) {
		this.reloadCommand = reloadCommand;
	}

}
