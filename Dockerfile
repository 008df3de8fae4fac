# One image for every service of the backend (docker-compose.yml runs each as its own container).
# build: all dependencies, the sources, `npm run build` to lib/.
# devnet: the build stage as a non-root user; the devnet reads runtime metadata from dev dependencies.
# runtime (default): production dependencies, the compiled lib/, the migrations, the config samples; non-root.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm's prepare step (scripts/ensure-env-file.mjs) runs on install.
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM build AS devnet
# The devnet's journal, kept in a named volume: a new volume takes this folder's owner, so the node user can write it.
RUN mkdir -p .data/devnet && chown node .data/devnet
USER node
EXPOSE 9944 9945 9946
CMD ["node", "lib/devnet/cli.js", "--scenario", "current", "--port", "9944", "--host", "0.0.0.0"]

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/ensure-env-file.mjs ./scripts/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/lib ./lib
COPY schema.graphql ./
COPY config ./config
COPY db/migrations ./db/migrations
USER node
# Each service names its command in docker-compose.yml; alone, the image applies the migrations.
CMD ["node", "lib/db/migrate-cli.js"]
