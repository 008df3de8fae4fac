/**
 * The GraphQL server as `npm start` runs it: squid-graphql-server.ts with the limits from the config's `api`
 * section (port, root fields, response size, SQL statement timeout). Reads `CONFIG`; `GQL_PORT` overrides the port.
 */
import path from 'node:path'
import {loadConfig} from '../config/load'
import {graphqlServerArgs} from './server-args'

const config = loadConfig(path.resolve(process.env.CONFIG || 'config/devnet.json'))
process.env.GQL_PORT = process.env.GQL_PORT || String(config.api.graphqlPort)
process.argv = [process.argv[0], 'squid-graphql-server', ...graphqlServerArgs(config.api)]
// After argv is set (an import would run first).
require('./squid-graphql-server')
