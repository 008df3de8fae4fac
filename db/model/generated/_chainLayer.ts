export enum ChainLayer {
    relay = "relay",
    assetHub = "assetHub",
    people = "people",
}
