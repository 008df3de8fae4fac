/** The squid-graphql-server flags for the config's API limits. */
import type {Config} from '../config/load'

export function graphqlServerArgs(api: Pick<Config['api'], 'maxRootFields' | 'maxResponseNodes' | 'sqlStatementTimeoutMs'>): string[] {
    return [
        '--max-root-fields',
        String(api.maxRootFields),
        '--max-response-size',
        String(api.maxResponseNodes),
        '--sql-statement-timeout',
        String(api.sqlStatementTimeoutMs),
    ]
}
