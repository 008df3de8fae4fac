/**
 * The GraphQL server as `npm start` runs it, through the service runner (logs, its metrics and health on
 * `metrics.ports.graphql`): squid-graphql-server.ts with the limits from the config's `api` section (port,
 * root fields, response size, SQL statement timeout). `GQL_PORT` overrides the port.
 */
import pg from 'pg'
import {configFile} from '../config/load'
import {dbSettingsFromEnv, pgClientConfig} from '../db/connection'
import {runHandOverService} from '../service/run-service'
import {graphqlServerArgs} from './server-args'

// npm start names its config; run by hand, the server reads the same default every service does.
process.env.CONFIG ||= configFile(process.env)

runHandOverService('graphql', async ({config, addHealthCheck}) => {
    const api = config!.api
    process.env.GQL_PORT = process.env.GQL_PORT || String(api.graphqlPort)
    process.argv = [process.argv[0], 'squid-graphql-server', ...graphqlServerArgs(api)]
    const probe = new pg.Pool({...pgClientConfig(dbSettingsFromEnv(process.env)), max: 1})
    probe.on('error', () => undefined)
    addHealthCheck('database', async () => void (await probe.query('SELECT 1')))
    // After argv is set (an import would run first).
    require('./squid-graphql-server')
})
