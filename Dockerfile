# Mognad's container image: built in one stage, run from a small Debian image as an
# unprivileged user. See docs/deploy.md.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release -p mognad-cli && strip target/release/mognad

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /data --shell /usr/sbin/nologin mognad \
    && mkdir -p /data && chown mognad:mognad /data
COPY --from=build /src/target/release/mognad /usr/local/bin/mognad
USER mognad
WORKDIR /data
ENV MOGNAD_DATA_DIR=/data MOGNAD_LISTEN=0.0.0.0:8080
EXPOSE 8080
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/mognad"]
CMD ["serve"]
