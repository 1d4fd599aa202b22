package dev.warren.balancer;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.warren.shared.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every config pushed to a balancer, newest first, with who pushed it and how it ended.
 */
@Service
@Transactional
public class BalancerRevisions {

	private final BalancerRevisionRepository repository;

	private final Balancers balancers;

	private final Clock clock;

	BalancerRevisions(BalancerRevisionRepository repository, Balancers balancers, Clock clock) {
		this.repository = repository;
		this.balancers = balancers;
		this.clock = clock;
	}

	/** Newest first, without their content. */
	@Transactional(readOnly = true)
	public List<BalancerRevisionView> list(long balancerId) {
		this.balancers.get(balancerId);
		return this.repository.findByBalancerIdOrderByDeployedAtDescIdDesc(balancerId)
			.stream()
			.map((revision) -> revision.toView(false))
			.toList();
	}

	/** One revision with its content. */
	@Transactional(readOnly = true)
	public BalancerRevisionView get(long balancerId, long revisionId) {
		this.balancers.get(balancerId);
		return this.repository.findByIdAndBalancerId(revisionId, balancerId)
			.map((revision) -> revision.toView(true))
			.orElseThrow(() -> new NotFoundException("Revision", revisionId));
	}

	/** The config that last went live on the balancer, if any. */
	@Transactional(readOnly = true)
	public Optional<BalancerRevisionView> lastSucceeded(long balancerId) {
		return this.repository.findByBalancerIdOrderByDeployedAtDescIdDesc(balancerId)
			.stream()
			.map((revision) -> revision.toView(true))
			.filter((revision) -> revision.result() == RevisionResult.SUCCEEDED)
			.findFirst();
	}

	BalancerRevisionView record(long balancerId, String content, String actor, Long runId, RevisionResult result,
			String summary) {
		BalancerRevision revision = this.repository.saveAndFlush(
				new BalancerRevision(balancerId, content, actor, this.clock.instant(), runId, result, summary));
		return revision.toView(false);
	}

}
