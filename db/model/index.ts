// Entity classes generated from schema.graphql (`npm run codegen`); the TypeORM store loads them
// from lib/model, which the build links here.
export * from './generated'
