-- Top validators by era points over the last 84 eras the squid snapshotted (1KV's inclusion window).
-- Columns: validator, display (identity), eras_active, total_points, avg_points_per_active_era.
WITH window_eras AS (
    SELECT DISTINCT era FROM era_validator ORDER BY era DESC LIMIT 84
)
SELECT ev.validator_id AS validator,
       i.display,
       count(*) FILTER (WHERE ev.active) AS eras_active,
       sum(ev.points) AS total_points,
       round(sum(ev.points)::numeric / greatest(count(*) FILTER (WHERE ev.active), 1), 1) AS avg_points_per_active_era
FROM era_validator ev
JOIN window_eras w ON w.era = ev.era
LEFT JOIN identity i ON i.id = ev.validator_id
GROUP BY ev.validator_id, i.display
ORDER BY total_points DESC, validator
LIMIT 100;
