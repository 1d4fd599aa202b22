package dev.warren.ejection;

import java.util.ArrayList;
import java.util.List;

/**
 * What the cluster page's ejection card posts; a mutable bean so that one mistake does
 * not hide the others. The rules live on {@link EjectionSettings}.
 */
class EjectionForm {

	private boolean enabled;

	private List<String> states = new ArrayList<>(List.of("NOT_RESPONDING", "DOWN"));

	private Integer minHealthy = 1;

	private Integer holdDownSeconds = 10;

	private Integer minChangeSeconds = 30;

	static EjectionForm of(EjectionSettings settings) {
		EjectionForm form = new EjectionForm();
		form.enabled = settings.enabled();
		form.states = new ArrayList<>(List.of(settings.after().split(",")));
		form.minHealthy = settings.minHealthy();
		form.holdDownSeconds = settings.holdDownSeconds();
		form.minChangeSeconds = settings.minChangeSeconds();
		return form;
	}

	EjectionSettings toSettings() {
		return new EjectionSettings(this.enabled, String.join(",", this.states), this.minHealthy, this.holdDownSeconds,
				this.minChangeSeconds);
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getStates() {
		return this.states;
	}

	public void setStates(List<String> states) {
		this.states = (states != null) ? states : new ArrayList<>();
	}

	public Integer getMinHealthy() {
		return this.minHealthy;
	}

	public void setMinHealthy(Integer minHealthy) {
		this.minHealthy = minHealthy;
	}

	public Integer getHoldDownSeconds() {
		return this.holdDownSeconds;
	}

	public void setHoldDownSeconds(Integer holdDownSeconds) {
		this.holdDownSeconds = holdDownSeconds;
	}

	public Integer getMinChangeSeconds() {
		return this.minChangeSeconds;
	}

	public void setMinChangeSeconds(Integer minChangeSeconds) {
		this.minChangeSeconds = minChangeSeconds;
	}

}
