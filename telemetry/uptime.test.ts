import {describe, expect, it} from 'vitest'
import {intersect, union, uptime, type Span} from './uptime'

const s = (startMs: number, endMs: number): Span => ({startMs, endMs})
const W = s(0, 100)

describe('uptime over [0, 100)', () => {
    it.each<[string, {online: Span[]; feedUp: Span[]; firstSeenMs: number | null}, [number, number, number]]>([
        ['feed up all along, node online all along', {online: [s(0, 100)], feedUp: [s(0, 100)], firstSeenMs: 0}, [100, 0, 0]],
        ['node never seen: all unknown', {online: [], feedUp: [s(0, 100)], firstSeenMs: null}, [0, 0, 100]],
        ['seen at 40, online since: before is unknown', {online: [s(40, 100)], feedUp: [s(0, 100)], firstSeenMs: 40}, [60, 0, 40]],
        ['online 0-30, gone 30-100 while the feed was up', {online: [s(0, 30)], feedUp: [s(0, 100)], firstSeenMs: 0}, [30, 70, 0]],
        [
            'feed down 30-60: unknown, not offline',
            {online: [s(0, 30), s(60, 100)], feedUp: [s(0, 30), s(60, 100)], firstSeenMs: 0},
            [70, 0, 30],
        ],
        ['feed never up: all unknown even if an interval says online', {online: [s(0, 100)], feedUp: [], firstSeenMs: 0}, [0, 0, 100]],
        [
            'online interval across a feed gap counts only where the feed was up',
            {online: [s(0, 100)], feedUp: [s(0, 50), s(80, 100)], firstSeenMs: 0},
            [70, 0, 30],
        ],
        [
            'overlapping online intervals (two connections) count once',
            {online: [s(0, 60), s(40, 80)], feedUp: [s(0, 100)], firstSeenMs: 0},
            [80, 20, 0],
        ],
        [
            'intervals outside the window are clipped',
            {online: [s(-50, 10), s(90, 200)], feedUp: [s(-100, 300)], firstSeenMs: -50},
            [20, 80, 0],
        ],
        ['first seen before the window', {online: [s(-10, 50)], feedUp: [s(-10, 100)], firstSeenMs: -10}, [50, 50, 0]],
        ['first seen after the window: all unknown', {online: [s(150, 200)], feedUp: [s(0, 200)], firstSeenMs: 150}, [0, 0, 100]],
        [
            'zero-length and reversed intervals count nothing',
            {online: [s(10, 10), s(50, 40)], feedUp: [s(0, 100)], firstSeenMs: 0},
            [0, 100, 0],
        ],
    ])('%s', (_name, facts, [onlineMs, offlineMs, unknownMs]) => {
        const u = uptime(W, facts)
        expect(u).toEqual({onlineMs, offlineMs, unknownMs})
        expect(u.onlineMs + u.offlineMs + u.unknownMs).toBe(100)
    })

    it('an empty window is all zero', () => {
        expect(uptime(s(10, 10), {online: [s(0, 100)], feedUp: [s(0, 100)], firstSeenMs: 0})).toEqual({
            onlineMs: 0,
            offlineMs: 0,
            unknownMs: 0,
        })
    })
})

describe('span arithmetic', () => {
    it('union merges touching and overlapping spans', () => {
        expect(union([s(5, 7), s(0, 2), s(2, 4), s(6, 9)])).toEqual([s(0, 4), s(5, 9)])
    })
    it('intersect of two unions', () => {
        expect(intersect([s(0, 4), s(5, 9)], [s(3, 6), s(8, 20)])).toEqual([s(3, 4), s(5, 6), s(8, 9)])
    })
})
