-- Validators per operator identity (an identity with its sub-identities) in the latest snapshotted era.
-- Columns: root (the operator's account), root_display, active_nodes, accounts.
WITH latest AS (SELECT max(era) AS era FROM era_validator)
SELECT i.root_id AS root,
       r.display AS root_display,
       count(*) FILTER (WHERE ev.active) AS active_nodes,
       count(*) AS accounts
FROM identity i
LEFT JOIN identity r ON r.id = i.root_id
LEFT JOIN era_validator ev ON ev.validator_id = i.id AND ev.era = (SELECT era FROM latest)
WHERE NOT i.cleared
GROUP BY i.root_id, r.display
ORDER BY active_nodes DESC, accounts DESC, root;
