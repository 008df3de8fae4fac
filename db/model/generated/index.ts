export * from "./account.model"
