import fs from 'node:fs'
import {describe, expect, it} from 'vitest'
import {REFERENCE_FILE, renderConfigReference} from './config-reference'

describe('configuration reference', () => {
    const text = renderConfigReference()

    it('docs/configuration.md is what config/schema.ts gives (else run `npm run docs:config`)', () => {
        const committed = fs.existsSync(REFERENCE_FILE) ? fs.readFileSync(REFERENCE_FILE, 'utf8') : ''
        expect(committed === text, 'docs/configuration.md is stale against config/schema.ts: run `npm run docs:config` and commit it').toBe(
            true,
        )
    })

    it("lists every key with its bounds, default and the doc comment from the schema's source", () => {
        expect(text).toContain('| `validity.commission.maxPerbill` | [`perbill`](#value-types) | required |')
        expect(text).toContain('| `perbill` | Parts per billion: 150_000_000 = 15 %. | integer 0–1000000000 |')
        expect(text).toContain(
            "| `squid.stallTimeoutMs` | integer ≥ 1000 | required | How long a processor's indexed height may stand still while the chain finalizes blocks above it. |",
        )
        expect(text).toContain('| `devnet.host` | non-empty string | default `"127.0.0.1"` |')
        expect(text).toContain(
            '| `nominator.accounts[].seed` | [`nominatorSeed`](#value-types) | required | The signing key\'s seed (mnemonic or 0x hex); on the devnet `{"devnetAccount": "Bob"}` names a development account. |',
        )
        expect(text).toContain('| `nominator.ampleBackingPlanck` | [`planck`](#value-types) or `null` | required |')
        expect(text).toContain('| `telemetry.chains` | array of [`hash32`](#value-types) | optional |')
        expect(text).toMatch(/^## `notify`\n\nWhere events .* Optional, default `\{"maxPerMinute":20,/m)
    })
})
