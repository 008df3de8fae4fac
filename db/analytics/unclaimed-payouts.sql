-- Eras in which a validator was active and earned points but no payout was recorded for it.
-- Columns: validator, era, points.
SELECT ev.validator_id AS validator, ev.era, ev.points
FROM era_validator ev
WHERE ev.active AND ev.points > 0
  AND NOT EXISTS (SELECT 1 FROM payout p WHERE p.validator_id = ev.validator_id AND p.era = ev.era)
ORDER BY ev.validator_id, ev.era;
