/**
 * The REST gateway service: opens a Postgres pool with the configured statement timeout, reads the
 * candidate list, builds the Fastify application and serves it on `api.restPort`.
 */
import fs from 'fs'
import path from 'path'
import pg from 'pg'
import type {Config} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {dbSettingsFromEnv, pgClientConfig} from '../db/connection'
import {readCandidateListFile} from '../scorer/candidates/candidate-list-file'
import {runService} from '../service/run-service'
import {buildGateway, type GatewaySettings} from './gateway'

/** Computed responses are reused this long: the data changes once per squid batch or scorer pass. */
const CACHE_TTL_MS = 10_000
/** A database that does not accept a connection in this time counts as away (the route answers 503). */
const CONNECT_TIMEOUT_MS = 3_000
const POOL_SIZE = 10

export function gatewaySettings(cfg: Config, startedAtMs: number): GatewaySettings {
    const candidates = readCandidateListFile(cfg.candidatesFile, cfg.ss58Prefix).candidates
    const version = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8')).version as string
    return {
        network: cfg.network,
        ss58Prefix: cfg.ss58Prefix,
        tokenDecimals: cfg.token.decimals,
        maxPageSize: cfg.api.maxPageSize,
        eraWindow: cfg.score.inclusionEras,
        spanInclusionEras: cfg.score.spanInclusionEras,
        proxyDelayBlocks: cfg.nominator.announcement.delayBlocks,
        scoreWeights: cfg.score.weights,
        bannedProviders: cfg.validity.provider.blacklisted,
        roundEveryEras: cfg.nominator.roundEveryEras,
        forcedVersion: cfg.validity.clientUpgrade.forcedVersion,
        fromBlocks: {relay: cfg.chains.relay?.fromBlock, assetHub: cfg.chains.assetHub?.fromBlock, people: cfg.chains.people?.fromBlock},
        candidateHexes: new Set(candidates.map(c => c.stashPublicKeyHex)),
        version,
        startedAtMs,
        cacheTtlMs: CACHE_TTL_MS,
    }
}

/** The pool the gateway reads through: every statement is cut off at `api.sqlStatementTimeoutMs`. */
export function gatewayPool(cfg: Config, env: NodeJS.ProcessEnv = process.env): pg.Pool {
    return new pg.Pool({
        ...pgClientConfig(dbSettingsFromEnv(env)),
        max: POOL_SIZE,
        statement_timeout: cfg.api.sqlStatementTimeoutMs,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        application_name: 'gateway',
    })
}

if (require.main === module) {
    runService('gateway', async ({config: cfg, log, metrics, addHealthCheck}) => {
        const pool = gatewayPool(cfg)
        // A connection dropped while idle (database restart) must not take the service down: the next query reconnects.
        pool.on('error', err => log.warn(`database connection lost: ${err.message}`))
        addHealthCheck('database', async () => void (await pool.query('SELECT 1')))
        const app = await buildGateway({settings: gatewaySettings(cfg, Date.now()), pool, metrics, log})
        const host = cfg.metrics.host
        await app.listen({port: cfg.api.restPort, host})
        log.info(`REST API at http://${host}:${cfg.api.restPort} (docs at /docs, OpenAPI at /openapi.json)`)
        return async () => {
            await app.close()
            await pool.end()
        }
    })
}
