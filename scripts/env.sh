# Sourced by the scripts: the defaults a local run uses when the environment does not say.
# Production sets these itself (see .env.example); the scripts never override a set value.
: "${DATABASE_URL:=postgres://vedtak:vedtak@127.0.0.1:5432/vedtak}"
: "${REDIS_URL:=redis://127.0.0.1:6379}"
: "${JWT_SECRET:=local-demo-secret-change-me-0123456789abcdef}"
: "${PORT:=3000}"
export DATABASE_URL REDIS_URL JWT_SECRET PORT
