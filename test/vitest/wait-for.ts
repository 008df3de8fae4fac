/**
 * Polling until a probe's value is acceptable, for tests that watch a service settle (rows, messages).
 */
export async function waitFor<T>(
    what: string,
    probe: () => Promise<T> | T,
    ok: (v: T) => boolean = v => !!v,
    timeoutMs = 20_000,
    intervalMs = 25,
): Promise<T> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
        const v = await probe()
        if (ok(v)) return v
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(v)}`)
        await new Promise(r => setTimeout(r, intervalMs))
    }
}
