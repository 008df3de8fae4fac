/**
 * The SQL behind the custom GraphQL queries (and the analytics examples): plain parameterised
 * statements over the squid's tables, so GraphQL and SQL users get the same answers.
 */

/** Points, activity and commission of one validator per era, newest first. Params: validator, fromEra, toEra. */
export const ERA_POINTS_HISTORY_SQL = `
SELECT ev.era, ev.points, ev.active, ev.commission_perbill, e.total_points
FROM era_validator ev LEFT JOIN era e ON e.id = ev.era::text
WHERE ev.validator_id = $1 AND ev.era BETWEEN $2 AND $3
ORDER BY ev.era DESC`

/**
 * Eras in which the validator was active and earned points and some exposure page is not paid: each
 * payout (`PayoutStarted`) pays one page (its `page` where the runtime names it), and an era is paid in
 * `page_count` pages (1 where unknown). Params: validator, fromEra.
 */
export const UNCLAIMED_PAYOUTS_SQL = `
SELECT ev.era, ev.points, COALESCE(ev.page_count, 1) AS "pageCount",
       (COALESCE(ev.page_count, 1) - count(DISTINCT COALESCE(p.page::text, p.id)))::int AS "unclaimedPages"
FROM era_validator ev LEFT JOIN payout p ON p.validator_id = ev.validator_id AND p.era = ev.era
WHERE ev.validator_id = $1 AND ev.active AND ev.points > 0 AND ev.era >= $2
GROUP BY ev.era, ev.points, ev.page_count
HAVING count(DISTINCT COALESCE(p.page::text, p.id)) < COALESCE(ev.page_count, 1)
ORDER BY ev.era`

/**
 * The accounts of an identity group (the root identity and its sub-identities) with whether each was
 * active in the latest era the squid snapshotted. Param: any account of the group.
 */
export const IDENTITY_GROUP_VALIDATORS_SQL = `
WITH root AS (SELECT COALESCE(i.root_id, $1) AS id FROM (SELECT $1::text AS a) q LEFT JOIN identity i ON i.id = q.a),
latest AS (SELECT max(era) AS era FROM era_validator)
SELECT i.id AS account, i.display, i.sub_name, i.verified, (i.id = root.id) AS is_root,
       COALESCE(ev.active, false) AS active_in_latest_era, latest.era AS latest_era
FROM identity i CROSS JOIN root CROSS JOIN latest
LEFT JOIN era_validator ev ON ev.validator_id = i.id AND ev.era = latest.era
WHERE i.root_id = root.id AND NOT i.cleared
ORDER BY is_root DESC, i.id`

/**
 * The nominators whose targets in force in an era include the validator, with their bond as the era
 * started and what of it the validator's exposure holds (null: nominating but not exposed to it, or the
 * era not snapshotted yet). Params: validator, era, limit.
 */
export const VALIDATOR_NOMINATORS_SQL = `
WITH in_force AS (
  SELECT DISTINCT ON (nominator_id) nominator_id, targets, era AS since_era
  FROM nominator_targets WHERE era <= $2 ORDER BY nominator_id, era DESC)
SELECT f.nominator_id AS nominator, f.since_era, b.bonded_planck, x.amount_planck AS exposed_planck
FROM in_force f
LEFT JOIN nominator_bond b ON b.nominator_id = f.nominator_id AND b.era = $2
LEFT JOIN exposure x ON x.nominator_id = f.nominator_id AND x.validator_id = $1 AND x.era = $2
WHERE $1 = ANY(f.targets)
ORDER BY b.bonded_planck DESC NULLS LAST, f.nominator_id
LIMIT $3`
