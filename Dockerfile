# Multi-stage build: compile TypeScript with all deps, then ship only production deps and dist/.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN corepack enable && corepack prepare pnpm@9.15.9 --activate
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc tsconfig.base.json turbo.json ./
COPY apps ./apps
COPY packages ./packages
COPY tools ./tools
RUN pnpm install --frozen-lockfile
RUN pnpm -r --filter "./packages/*" --filter "./apps/*" run build
# One demo catalogue for both sandboxes (same seller SKU codes on Temu and in Odoo).
RUN node --conditions=development --import tsx tools/write-demo-catalog.ts demo
# A production-only copy of node_modules for the runtime stage.
RUN rm -rf node_modules apps/*/node_modules packages/*/node_modules \
  && pnpm install --frozen-lockfile --prod --ignore-scripts=false

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN find /app/apps /app/packages -path '*/src' -prune -o -name '*.test.*' -print -delete >/dev/null
USER node
EXPOSE 3000 3100 4010 8069
CMD ["node", "apps/worker/dist/main.js"]
