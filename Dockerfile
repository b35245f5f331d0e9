# One image for api, worker and migrations; the command picks which (see docker-compose.yml).
# Node.js 22 is the maintained LTS the image runs on; the code and tests also run on Node.js 20 (engines >=20.11).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY migrations migrations
# The web app's client types are checked in (apps/web/src/api/schema.d.ts), so its build needs no api.
RUN npx nest build api && npx nest build worker && npx vite build --config apps/web/vite.config.ts --logLevel warn && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
USER node
EXPOSE 3000
# The heap capped and the young generation kept small: V8 collects before the process grows past
# what it needs (about 165 MB at the peak of a registration load, against some 300 uncapped).
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=4", "dist/apps/api/main.js"]
