# Meridian's container image: the Next.js standalone server, run as a non-root user.
#   docker build -t meridian .
# Deployed by terraform/ (Cloud Run, image by digest). Configuration is environment variables only
# (README "Configuration"); the container holds no secrets.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# postinstall generates the Prisma client from prisma/schema.prisma.
RUN npm ci --no-audit --no-fund
COPY . .
RUN MERIDIAN_BUILD_STANDALONE=true npx next build

FROM node:20-bookworm-slim AS run
WORKDIR /app
# NEXT_MANUAL_SIG_HANDLE: the portal's own SIGTERM handler hands jobs back before exiting
# (server/services/lifecycle/graceful-shutdown.ts). HOSTNAME: listen on every interface.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    MERIDIAN_MODE=production \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    NEXT_MANUAL_SIG_HANDLE=true
# The standalone server with the node_modules it traced, templates/, prisma/schema.prisma and migrations
# (next.config.ts outputFileTracingIncludes), then the static assets it does not copy itself.
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
