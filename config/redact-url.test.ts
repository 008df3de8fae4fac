import {describe, expect, it} from 'vitest'
import {redactingSink} from './log-redaction'
import {redactUrl, redactUrls} from './redact-url'

describe('redactUrl', () => {
    it('hides API keys in the shapes providers use, keeping scheme, host, port and route', () => {
        // OnFinality: the key as a path segment after the route, or as ?apikey=
        expect(redactUrl('wss://polkadot.api.onfinality.io/public-ws/1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9')).toBe(
            'wss://polkadot.api.onfinality.io/public-ws/***',
        )
        expect(redactUrl('wss://polkadot.api.onfinality.io/ws?apikey=1f2e3d4c5b6a49788695a4b3c2d1e0f9')).toBe(
            'wss://polkadot.api.onfinality.io/ws?apikey=***',
        )
        // Dwellir: a UUID as the whole path
        expect(redactUrl('wss://api-polkadot.n.dwellir.com/0b6c2a5e-7d19-4f4c-9b1e-3a8f5c2d7e61')).toBe(
            'wss://api-polkadot.n.dwellir.com/***',
        )
        // Infura / Alchemy style: a version, then 32 characters of key
        expect(redactUrl('https://polkadot.infura.example/v3/9aa3d95b3bc440fa88ea12eaa4456161')).toBe(
            'https://polkadot.infura.example/v3/***',
        )
        expect(redactUrl('wss://rpc.example.com/ws/abcd1234efgh5678')).toBe('wss://rpc.example.com/ws/***')
        // Basic auth, every query value, a fragment
        expect(redactUrl('https://nominator:s3cret@rpc.example.com:8443/rpc')).toBe('https://nominator:***@rpc.example.com:8443/rpc')
        expect(redactUrl('https://9aa3d95b3bc440fa88ea12eaa4456161@rpc.example.com/')).toBe('https://***@rpc.example.com/')
        expect(redactUrl('postgres://squid:hunter2@db:5432/squid_2026_archive')).toBe('postgres://squid:***@db:5432/squid_2026_archive')
        expect(redactUrl('https://rpc.example.com/?token=short&network=polkadot#frag')).toBe(
            'https://rpc.example.com/?token=***&network=***#***',
        )
    })

    it('leaves URLs without secrets as they are', () => {
        for (const url of [
            'ws://127.0.0.1:9944',
            'http://127.0.0.1:9945',
            'ws://127.0.0.1:9944/feed',
            'wss://rpc.polkadot.io',
            'wss://polkadot-asset-hub-rpc.polkadot.io',
            'wss://sys.ibp.network/asset-hub-polkadot',
            'wss://telemetry.polkadot.io/feed/',
            // describeDb: no password, and the database's name
            'postgres://postgres@127.0.0.1:5432/launcher_stale_13878_mxa4e3wc_0',
        ]) {
            expect(redactUrl(url)).toBe(url)
        }
    })

    it('hides key-like pieces of a value that is not a URL at all', () => {
        expect(redactUrl('rpc.example.com/ws/abcd1234efgh5678')).toBe('rpc.example.com/ws/***')
        expect(redactUrl('wss://rpc.example.com/ws/abcd1234efgh5678 ')).toBe('wss://rpc.example.com/ws/*** ')
    })
})

describe('redactUrls', () => {
    it('redacts every URL inside an error message, as the RPC client and ws write them', () => {
        const key = '0b6c2a5e-7d19-4f4c-9b1e-3a8f5c2d7e61'
        expect(
            redactUrls(
                `Unexpected server response: 401 (wss://rpc.example.com/${key}), retrying connection to "wss://b.example/ws?apikey=${key}".`,
            ),
        ).toBe('Unexpected server response: 401 (wss://rpc.example.com/***), retrying connection to "wss://b.example/ws?apikey=***".')
    })
})

describe('redactingSink', () => {
    it('redacts URLs in the message, in attributes (the RPC client tags lines with rpcUrl) and in an error’s message and stack', () => {
        const key = 'abcd1234efgh5678ijkl'
        const seen: any[] = []
        const err = new Error(`connect ECONNREFUSED wss://rpc.example.com/ws/${key}`)
        const rec = {
            time: 0,
            level: 3,
            ns: 'sqd:rpc-client',
            msg: `connecting to wss://rpc.example.com/ws/${key}`,
            rpcUrl: `wss://rpc.example.com/ws/${key}`,
            err,
        }
        redactingSink(r => seen.push(r))(rec as any)
        expect(JSON.stringify({...seen[0], stack: seen[0].err.stack, message: seen[0].err.message})).not.toContain(key)
        expect(seen[0].rpcUrl).toBe('wss://rpc.example.com/ws/***')
        expect(seen[0].err).toBeInstanceOf(Error)
        expect(seen[0].err.message).toBe('connect ECONNREFUSED wss://rpc.example.com/ws/***')
        // The record logged is a copy: the error itself is not changed for whoever else holds it.
        expect(err.message).toContain(key)
    })
})
