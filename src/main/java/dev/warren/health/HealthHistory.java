package dev.warren.health;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.warren.shared.InvalidFieldException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What happened before now: state changes (newest first, paged) and probe results per
 * time bucket, from the {@code health_event} and {@code health_sample} tables.
 */
@Service
public class HealthHistory {

	public static final int MAX_PAGE_SIZE = 200;

	private final JdbcClient jdbc;

	private final HealthRecorder recorder;

	HealthHistory(JdbcClient jdbc, HealthRecorder recorder) {
		this.jdbc = jdbc;
		this.recorder = recorder;
	}

	/**
	 * State changes, newest first.
	 * @param clusterId only those of this cluster, its nodes and its balancers (or
	 * {@code null})
	 * @param kind only targets of this kind (or {@code null})
	 * @param targetId only this target (needs {@code kind})
	 * @param page from 0
	 * @param size 1 to {@link #MAX_PAGE_SIZE}
	 */
	public HealthEventPage events(Long clusterId, TargetKind kind, Long targetId, int page, int size) {
		if (page < 0) {
			throw new InvalidFieldException("page", "must be 0 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidFieldException("size", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		if (targetId != null && kind == null) {
			throw new InvalidFieldException("kind", "is required with targetId (NODE, BALANCER or CLUSTER)");
		}
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		List<Object> params = new ArrayList<>();
		if (clusterId != null) {
			where.append(" AND cluster_id = ?");
			params.add(clusterId);
		}
		if (kind != null) {
			where.append(" AND target_kind = ?");
			params.add(kind.name());
		}
		if (targetId != null) {
			where.append(" AND target_id = ?");
			params.add(targetId);
		}
		long total = this.jdbc.sql("SELECT COUNT(*) FROM health_event" + where)
			.params(params)
			.query(Long.class)
			.single();
		List<Object> paged = new ArrayList<>(params);
		paged.add(size);
		paged.add((long) page * size);
		List<HealthEventView> events = this.jdbc
			.sql("SELECT id, target_kind, target_id, target_name, cluster_id, from_state, to_state, occurred_at, detail"
					+ " FROM health_event" + where + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(paged)
			.query(HealthHistory::event)
			.list();
		return new HealthEventPage(events, page, size, total);
	}

	/**
	 * A node's (by server id) or balancer's probe results per bucket in
	 * {@code [from, to)}, oldest first, including the bucket still being filled.
	 */
	public List<HealthSampleView> samples(TargetKind kind, long targetId, Instant from, Instant to) {
		if (kind == TargetKind.CLUSTER) {
			throw new InvalidFieldException("kind", "samples exist for NODE and BALANCER only");
		}
		if (!from.isBefore(to)) {
			throw new InvalidFieldException("from", "must be before 'to'");
		}
		List<HealthSampleView> samples = new ArrayList<>(this.jdbc.sql("""
				SELECT target_kind, target_id, bucket_start, sample_count, failures, min_round_trip_ms,
				       avg_round_trip_ms, max_round_trip_ms
				FROM health_sample
				WHERE target_kind = ? AND target_id = ? AND bucket_start >= ? AND bucket_start < ?
				ORDER BY bucket_start""")
			.params(kind.name(), targetId, HealthRecorder.utc(from), HealthRecorder.utc(to))
			.query(HealthHistory::sample)
			.list());
		for (HealthSampleView pending : this.recorder.pending(kind, targetId)) {
			if (!pending.bucketStart().isBefore(from) && pending.bucketStart().isBefore(to)) {
				samples.removeIf((stored) -> stored.bucketStart().equals(pending.bucketStart()));
				samples.add(pending);
			}
		}
		samples.sort(Comparator.comparing(HealthSampleView::bucketStart));
		return samples;
	}

	static HealthEventView event(ResultSet rs, int row) throws SQLException {
		Long clusterId = nullableLong(rs, "cluster_id");
		return new HealthEventView(rs.getLong("id"), TargetKind.valueOf(rs.getString("target_kind")),
				rs.getLong("target_id"), rs.getString("target_name"), clusterId,
				HealthState.valueOf(rs.getString("from_state")), HealthState.valueOf(rs.getString("to_state")),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("detail"));
	}

	static HealthSampleView sample(ResultSet rs, int row) throws SQLException {
		return new HealthSampleView(TargetKind.valueOf(rs.getString("target_kind")), rs.getLong("target_id"),
				rs.getObject("bucket_start", OffsetDateTime.class).toInstant(), rs.getInt("sample_count"),
				rs.getInt("failures"), nullableLong(rs, "min_round_trip_ms"), nullableLong(rs, "avg_round_trip_ms"),
				nullableLong(rs, "max_round_trip_ms"));
	}

	private static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

}
