import {describe, expect, it} from 'vitest'
import {ResponseCache} from './response-cache'

describe('ResponseCache', () => {
    it('reuses a value until its time to live has passed, then computes it again', async () => {
        let now = 1_000
        let computed = 0
        const cache = new ResponseCache<number>(10_000, 10, () => now)
        const compute = async () => ++computed
        expect(await cache.get('/a', compute)).toBe(1)
        now += 9_999
        expect(await cache.get('/a', compute)).toBe(1)
        now += 1
        expect(await cache.get('/a', compute)).toBe(2)
        expect(await cache.get('/b', compute)).toBe(3)
    })

    it('shares one computation between concurrent requests and never caches a failure', async () => {
        const cache = new ResponseCache<string>(10_000, 10, () => 0)
        let calls = 0
        let release!: (v: string) => void
        const slow = () =>
            new Promise<string>(r => {
                calls++
                release = r
            })
        const both = Promise.all([cache.get('/k', slow), cache.get('/k', slow)])
        release('v')
        expect(await both).toEqual(['v', 'v'])
        expect(calls).toBe(1)
        await expect(
            cache.get('/down', async () => {
                throw new Error('database away')
            }),
        ).rejects.toThrow('database away')
        expect(await cache.get('/down', async () => 'back')).toBe('back')
    })

    it('keeps at most maxEntries, dropping the oldest; a TTL of 0 turns it off', async () => {
        const cache = new ResponseCache<number>(10_000, 2, () => 0)
        for (const k of ['a', 'b', 'c']) await cache.get(k, async () => 1)
        expect(cache.size).toBe(2)
        let n = 0
        const off = new ResponseCache<number>(0, 2, () => 0)
        await off.get('a', async () => ++n)
        expect(await off.get('a', async () => ++n)).toBe(2)
    })
})
