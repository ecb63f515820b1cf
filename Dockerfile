# The account service as a container: dependencies cooked in their own layer (cargo-chef), so a
# change to our code rebuilds only our crates; a distroless runtime without a shell, as non-root.
# Build: docker build -t account-service .   Run: see docs/DEPLOYMENT.md (and compose.yaml).

FROM rust:1.95-slim-bookworm AS chef
RUN cargo install cargo-chef --locked --version 0.1.73
WORKDIR /app

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /app/recipe.json recipe.json
RUN cargo chef cook --release --recipe-path recipe.json --package account-server
COPY . .
RUN cargo build --release --locked --package account-server \
    && mkdir -p /out/data

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=builder /app/target/release/account-service /usr/local/bin/account-service
# The data directory (the SQLite default store, generated development keys, the local image
# store): mount a volume here.
COPY --from=builder --chown=65532:65532 /out/data /var/lib/account-service
WORKDIR /var/lib/account-service
ENV ACCOUNT_BIND=0.0.0.0:8080 \
    ACCOUNT_DATA_DIR=/var/lib/account-service
EXPOSE 8080
USER 65532:65532
HEALTHCHECK --interval=10s --timeout=5s --start-period=15s --retries=3 \
    CMD ["/usr/local/bin/account-service", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/account-service"]
CMD ["serve"]
