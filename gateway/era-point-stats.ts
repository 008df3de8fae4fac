/**
 * The old TotalEraPoints figures of one era from its validators' points: total, median, average, max, min.
 */

export interface EraPointStats {
    totalEraPoints: number
    median: number
    average: number
    max: number
    min: number
}

/** @param points the points of the validators that earned any, in any order */
export function eraPointStats(points: number[]): EraPointStats {
    if (!points.length) return {totalEraPoints: 0, median: 0, average: 0, max: 0, min: 0}
    const sorted = [...points].sort((a, b) => a - b)
    const total = sorted.reduce((a, b) => a + b, 0)
    const mid = Math.floor(sorted.length / 2)
    return {
        totalEraPoints: total,
        median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
        average: total / sorted.length,
        max: sorted[sorted.length - 1],
        min: sorted[0],
    }
}
