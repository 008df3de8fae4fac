import {describe, expect, it} from 'vitest'
import {VersionedStorage} from './versioned-storage'

describe('VersionedStorage', () => {
    it('reads each key as of a block and pages keys by prefix', () => {
        const s = new VersionedStorage()
        s.set(0, '0xaa01', '0x01')
        s.set(0, '0xaa02', '0x02')
        s.set(0, '0xbb01', '0x03')
        s.set(3, '0xaa01', '0x11')
        s.set(5, '0xaa02', null)
        expect(s.get(2, '0xaa01')).toBe('0x01')
        expect(s.get(3, '0xaa01')).toBe('0x11')
        expect(s.get(9, '0xaa02')).toBeNull()
        expect(s.get(4, '0xaa02')).toBe('0x02')
        expect(s.keysPaged(4, '0xaa', 10)).toEqual(['0xaa01', '0xaa02'])
        expect(s.keysPaged(5, '0xaa', 10)).toEqual(['0xaa01'])
        expect(s.keysPaged(4, '0xaa', 1, '0xaa01')).toEqual(['0xaa02'])
        expect([...s.changedAt(3)]).toEqual(['0xaa01'])
    })

    it('refuses writes into the past', () => {
        const s = new VersionedStorage()
        s.set(2, '0x01', '0x02')
        expect(() => s.set(1, '0x01', '0x03')).toThrow(/after a write at block 2/)
        s.set(4, '0x01', '0x04')
        expect(s.get(3, '0x01')).toBe('0x02')
        expect(s.get(4, '0x01')).toBe('0x04')
    })
})
