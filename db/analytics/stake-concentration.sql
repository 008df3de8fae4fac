-- Stake concentration per era: total exposed stake, the share the 10 largest validators hold (in
-- perbill), and the fewest validators holding more than a third of the stake.
-- Columns: era, validators, total_stake_planck, top10_share_perbill, validators_for_one_third.
WITH ranked AS (
    SELECT era, total_exposure_planck AS stake,
           row_number() OVER (PARTITION BY era ORDER BY total_exposure_planck DESC, validator_id) AS rank,
           sum(total_exposure_planck) OVER (PARTITION BY era ORDER BY total_exposure_planck DESC, validator_id) AS running,
           sum(total_exposure_planck) OVER (PARTITION BY era) AS total
    FROM era_validator
    WHERE active AND total_exposure_planck IS NOT NULL
)
SELECT era,
       count(*) AS validators,
       max(total) AS total_stake_planck,
       (sum(stake) FILTER (WHERE rank <= 10) * 1000000000 / nullif(max(total), 0))::bigint AS top10_share_perbill,
       min(rank) FILTER (WHERE running * 3 > total) AS validators_for_one_third
FROM ranked
GROUP BY era
ORDER BY era;
