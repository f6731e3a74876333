# Two stages: compile TypeScript with every dependency, then ship only what runs — production
# dependencies, each workspace package's package.json and dist/, and the demo catalogue — as a
# non-root user. Nothing from src/, test/ or tools/ reaches the runtime image.
FROM node:24-bookworm-slim AS build
WORKDIR /app
# pnpm from npm, pinned like package.json's packageManager (no corepack: Node drops it after 24).
RUN npm install --global pnpm@9.15.9
# Dependencies first, so an edit to the sources does not download them again.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN pnpm fetch
COPY package.json tsconfig.base.json turbo.json ./
COPY apps ./apps
COPY packages ./packages
COPY tools ./tools
RUN pnpm install --frozen-lockfile --offline
RUN pnpm -r --filter "./packages/*" --filter "./apps/*" run build
# One demo catalogue for both sandboxes (same seller SKU codes on Temu and in Odoo).
RUN node --conditions=development --import tsx tools/write-demo-catalog.ts demo
# The runtime tree in /runtime: manifests, compiled output, demo data, production dependencies only.
RUN mkdir /runtime \
  && cp package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc /runtime/ \
  && for dir in apps/* packages/*; do mkdir -p "/runtime/$dir" && cp -R "$dir/package.json" "$dir/dist" "/runtime/$dir/"; done \
  && cp -R demo /runtime/demo \
  && cd /runtime && pnpm install --frozen-lockfile --offline --prod

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and only readable by the app user: the running service cannot change its own code.
COPY --from=build /runtime /app
USER node
EXPOSE 3000 3100 4010 8069
CMD ["node", "apps/worker/dist/main.js"]
