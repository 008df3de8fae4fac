/**
 * squid-graphql-server, with its flags, as squid.yaml runs it: the SDK's server (schema, custom resolvers,
 * limits, cache) behind the HTTP side of run-apollo.ts, so no response carries the server's internals.
 */
import * as openreaderServer from '@subsquid/openreader/lib/server'
import {runApollo} from './run-apollo'

// The SDK's Server has no hook for its HTTP side: it calls openreader's runApollo, looked up on that
// module each time it starts, so this replaces it there before the server starts.
Object.assign(openreaderServer, {runApollo})
// After the line above, so the server starts with it in place (an import would run first).
require('@subsquid/graphql-server/lib/main')
