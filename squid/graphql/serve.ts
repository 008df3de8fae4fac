/**
 * Runs squid-graphql-server over the shared database with the limits from the config's `api` section
 * (port, root fields, response size, SQL statement timeout). Reads `CONFIG`; `GQL_PORT` overrides the port.
 */
import path from 'node:path'
import {loadConfig} from '../../config/load'
import {graphqlServerArgs} from './server-args'

const config = loadConfig(path.resolve(process.env.CONFIG || 'config/devnet.json'))
process.env.GQL_PORT = process.env.GQL_PORT || String(config.api.graphqlPort)
process.argv = [process.argv[0], 'squid-graphql-server', ...graphqlServerArgs(config.api)]
// Apollo Server 3 puts stack traces (with the server's file paths) into error responses unless NODE_ENV is
// 'production' or 'test', and 'production' also turns schema introspection off, which GraphiQL and client
// code generators need: 'test' keeps introspection and drops the traces. An operator's NODE_ENV wins.
process.env.NODE_ENV = process.env.NODE_ENV || 'test'
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('@subsquid/graphql-server/lib/main')
