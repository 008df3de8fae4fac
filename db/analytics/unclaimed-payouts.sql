-- Eras in which a validator was active and earned points and some exposure page was not paid: each payout
-- (PayoutStarted) pays one page (its `page` where the runtime names it); an era is paid in page_count pages
-- (1 where unknown). Columns: validator, era, points, page_count, unclaimed_pages.
SELECT ev.validator_id AS validator, ev.era, ev.points, COALESCE(ev.page_count, 1) AS page_count,
       (COALESCE(ev.page_count, 1) - count(DISTINCT COALESCE(p.page::text, p.id)))::int AS unclaimed_pages
FROM era_validator ev LEFT JOIN payout p ON p.validator_id = ev.validator_id AND p.era = ev.era
WHERE ev.active AND ev.points > 0
GROUP BY ev.validator_id, ev.era, ev.points, ev.page_count
HAVING count(DISTINCT COALESCE(p.page::text, p.id)) < COALESCE(ev.page_count, 1)
ORDER BY ev.validator_id, ev.era;
