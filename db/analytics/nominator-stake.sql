-- The nominations of each validator in the latest era with exposures (what the 1KV backend's
-- NominatorStake records): nominators exposed to it (active) and those whose targets include it without
-- an exposure to it (inactive), with their stake. Targets are the rows in force in that era (each
-- nominator's latest at or before it), bonds as the era started.
-- Columns: era, validator, active_nominators, active_stake_planck, inactive_nominators, inactive_stake_planck.
WITH latest AS (SELECT max(era) AS era FROM exposure),
in_force AS (
    SELECT DISTINCT ON (t.nominator_id) t.nominator_id, t.targets
    FROM nominator_targets t, latest
    WHERE t.era <= latest.era
    ORDER BY t.nominator_id, t.era DESC
),
nominations AS (SELECT nominator_id, unnest(targets) AS validator_id FROM in_force)
SELECT latest.era, n.validator_id AS validator,
       count(x.id) AS active_nominators,
       coalesce(sum(x.amount_planck), 0) AS active_stake_planck,
       count(*) FILTER (WHERE x.id IS NULL) AS inactive_nominators,
       coalesce(sum(b.bonded_planck) FILTER (WHERE x.id IS NULL), 0) AS inactive_stake_planck
FROM nominations n CROSS JOIN latest
LEFT JOIN exposure x ON x.era = latest.era AND x.nominator_id = n.nominator_id AND x.validator_id = n.validator_id
LEFT JOIN nominator_bond b ON b.era = latest.era AND b.nominator_id = n.nominator_id
GROUP BY latest.era, n.validator_id
ORDER BY active_stake_planck DESC, validator;
