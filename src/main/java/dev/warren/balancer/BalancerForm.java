package dev.warren.balancer;

/**
 * What the balancer form posts; a mutable bean so that a mistyped port does not hide the
 * other mistakes. The rules live on {@link BalancerCommand}. A setting left empty takes
 * its default.
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

	private BalancingMethod balancingMethod = BalancerSettings.DEFAULTS.balancingMethod();

	private Integer connectTimeoutSeconds = BalancerSettings.DEFAULTS.connectTimeoutSeconds();

	private Integer idleTimeoutSeconds = BalancerSettings.DEFAULTS.idleTimeoutSeconds();

	private Integer maxFails = BalancerSettings.DEFAULTS.maxFails();

	private Integer failTimeoutSeconds = BalancerSettings.DEFAULTS.failTimeoutSeconds();

	private Integer checkIntervalMillis = BalancerSettings.DEFAULTS.checkIntervalMillis();

	private Integer checkFall = BalancerSettings.DEFAULTS.checkFall();

	private Integer checkRise = BalancerSettings.DEFAULTS.checkRise();

	private boolean balanceManagement = BalancerSettings.DEFAULTS.balanceManagement();

	private Integer managementListenPort = BalancerSettings.DEFAULTS.managementListenPort();

	private boolean proxyProtocol = BalancerSettings.DEFAULTS.proxyProtocol();

	private NginxLayout nginxLayout = BalancerSettings.DEFAULTS.nginxLayout();

	private FileAccess fileAccess = FileAccess.SUDO;

	private String upstreamName;

	private String pidFile;

	private String errorLog;

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
		form.balancingMethod = view.balancingMethod();
		form.connectTimeoutSeconds = view.connectTimeoutSeconds();
		form.idleTimeoutSeconds = view.idleTimeoutSeconds();
		form.maxFails = view.maxFails();
		form.failTimeoutSeconds = view.failTimeoutSeconds();
		form.checkIntervalMillis = view.checkIntervalMillis();
		form.checkFall = view.checkFall();
		form.checkRise = view.checkRise();
		form.balanceManagement = view.balanceManagement();
		form.managementListenPort = view.managementListenPort();
		form.proxyProtocol = view.proxyProtocol();
		form.nginxLayout = view.nginxLayout();
		form.fileAccess = view.fileAccess();
		form.upstreamName = view.upstreamName();
		form.pidFile = view.pidFile();
		form.errorLog = view.errorLog();
		return form;
	}

	BalancerCommand toCommand() {
		return new BalancerCommand(this.name, this.kind, this.clusterId, this.hostServerId, this.listenAddress,
				this.listenPort, this.configPath, this.validateCommand, this.reloadCommand, this.balancingMethod,
				this.connectTimeoutSeconds, this.idleTimeoutSeconds, this.maxFails, this.failTimeoutSeconds,
				this.checkIntervalMillis, this.checkFall, this.checkRise, this.balanceManagement,
				this.managementListenPort, this.proxyProtocol, this.nginxLayout, this.fileAccess, this.upstreamName,
				this.pidFile, this.errorLog)
			.withBlankSettingsAs(BalancerSettings.DEFAULTS);
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

	public BalancingMethod getBalancingMethod() {
		return this.balancingMethod;
	}

	public void setBalancingMethod(BalancingMethod balancingMethod) {
		this.balancingMethod = balancingMethod;
	}

	public Integer getConnectTimeoutSeconds() {
		return this.connectTimeoutSeconds;
	}

	public void setConnectTimeoutSeconds(Integer connectTimeoutSeconds) {
		this.connectTimeoutSeconds = connectTimeoutSeconds;
	}

	public Integer getIdleTimeoutSeconds() {
		return this.idleTimeoutSeconds;
	}

	public void setIdleTimeoutSeconds(Integer idleTimeoutSeconds) {
		this.idleTimeoutSeconds = idleTimeoutSeconds;
	}

	public Integer getMaxFails() {
		return this.maxFails;
	}

	public void setMaxFails(Integer maxFails) {
		this.maxFails = maxFails;
	}

	public Integer getFailTimeoutSeconds() {
		return this.failTimeoutSeconds;
	}

	public void setFailTimeoutSeconds(Integer failTimeoutSeconds) {
		this.failTimeoutSeconds = failTimeoutSeconds;
	}

	public Integer getCheckIntervalMillis() {
		return this.checkIntervalMillis;
	}

	public void setCheckIntervalMillis(Integer checkIntervalMillis) {
		this.checkIntervalMillis = checkIntervalMillis;
	}

	public Integer getCheckFall() {
		return this.checkFall;
	}

	public void setCheckFall(Integer checkFall) {
		this.checkFall = checkFall;
	}

	public Integer getCheckRise() {
		return this.checkRise;
	}

	public void setCheckRise(Integer checkRise) {
		this.checkRise = checkRise;
	}

	public boolean isBalanceManagement() {
		return this.balanceManagement;
	}

	public void setBalanceManagement(boolean balanceManagement) {
		this.balanceManagement = balanceManagement;
	}

	public Integer getManagementListenPort() {
		return this.managementListenPort;
	}

	public void setManagementListenPort(Integer managementListenPort) {
		this.managementListenPort = managementListenPort;
	}

	public boolean isProxyProtocol() {
		return this.proxyProtocol;
	}

	public void setProxyProtocol(boolean proxyProtocol) {
		this.proxyProtocol = proxyProtocol;
	}

	public NginxLayout getNginxLayout() {
		return this.nginxLayout;
	}

	public void setNginxLayout(NginxLayout nginxLayout) {
		this.nginxLayout = nginxLayout;
	}

	public FileAccess getFileAccess() {
		return this.fileAccess;
	}

	public void setFileAccess(FileAccess fileAccess) {
		this.fileAccess = fileAccess;
	}

	public String getUpstreamName() {
		return this.upstreamName;
	}

	public void setUpstreamName(String upstreamName) {
		this.upstreamName = upstreamName;
	}

	public String getPidFile() {
		return this.pidFile;
	}

	public void setPidFile(String pidFile) {
		this.pidFile = pidFile;
	}

	public String getErrorLog() {
		return this.errorLog;
	}

	public void setErrorLog(String errorLog) {
		this.errorLog = errorLog;
	}

}
