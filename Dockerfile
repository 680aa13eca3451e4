# callbot container image: a static binary on distroless, run as nonroot.
#   docker build --pull --build-arg VERSION=$(git describe --tags --always --dirty) -t callbot .
# (--pull: a stale cached golang image may be older than go.mod's go line.)

# Keep the Go minor version in step with go.mod's go line.
FROM golang:1.26-bookworm AS build
WORKDIR /src
# Modules first, so editing code does not invalidate the download layer.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# .git is not copied (see .dockerignore), so the version comes in as an argument.
ARG VERSION=dev
# The Makefile holds the build flags (CGO_ENABLED=0, -trimpath, -ldflags); the
# image must be built exactly like `make build`. golang:*-bookworm ships make.
RUN make build VERSION="${VERSION}" BIN=/out/callbot
# The question record's directory, empty: distroless has no shell to mkdir.
RUN mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/callbot /callbot
# /data holds the question record (SQLite). It is owned by nonroot (65532), so
# a new named volume mounted there, which Docker fills from the image, is
# writable; the root filesystem can stay read-only. Copied before VOLUME, as a
# build step that changes a declared volume is discarded.
COPY --from=build --chown=65532:65532 /out/data /data
VOLUME /data
# Numeric, not the name "nonroot": a pod with runAsNonRoot and no runAsUser
# is refused for a named user, since the kubelet cannot tell it is not root.
USER 65532:65532
# The record goes in the volume; CALLBOT_DATABASE_URL=postgres://... instead
# when several replicas share one record, CALLBOT_RECORD=off for none.
ENV CALLBOT_DATABASE_URL=sqlite:/data/callbot.db
# /interactions for serve; /healthz, /readyz and /metrics for both modes. run
# serves health only when CALLBOT_HTTP_ADDR is set, so the image sets it for
# the HEALTHCHECK below.
ENV CALLBOT_HTTP_ADDR=:8080
# A soft memory limit: without it the Go runtime lets the heap grow to twice
# what is live, and a shard ends near 51 MiB resident instead of 37 MiB
# (BenchmarkShardRSS; the README's figures). Raise it for a much bigger
# knowledge set: past it the collector runs more often, not out of memory.
ENV GOMEMLIMIT=24MiB
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ["/callbot", "healthcheck"]
ENTRYPOINT ["/callbot"]
CMD ["run"]
