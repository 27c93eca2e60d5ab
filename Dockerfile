# syntax=docker/dockerfile:1
# The vidsnap binary with ffmpeg: one image for every role, the role chosen by argument.
#   docker build -t vidsnap --build-arg SDK_IMAGE=<registry>/dotnet/sdk:10.0-noble --build-arg RUNTIME_IMAGE=<registry>/dotnet/aspnet:10.0-noble .
#   docker run --rm -p 8080:8080 vidsnap                        # all roles, embedded mode, data in /data
#   docker run --rm vidsnap --role video-worker                  # one role (see docs/deploy.md for its settings)
#   docker run --rm vidsnap migrate                              # the database migration, run once per release
# .NET 10 ships no Debian images; Ubuntu 24.04 ("noble") is the Debian-family base, ffmpeg from its archive.
# The base images are Microsoft's dotnet/sdk and dotnet/aspnet 10.0-noble; name them with the registry (or
# mirror) you pull from, as in .env.example for docker compose.
ARG SDK_IMAGE
ARG RUNTIME_IMAGE

FROM ${SDK_IMAGE} AS build
WORKDIR /source
# Project files first: the restore layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Vidsnap.slnx ./
COPY src/Vidsnap.Contracts/Vidsnap.Contracts.csproj src/Vidsnap.Contracts/
COPY src/Vidsnap.Domain/Vidsnap.Domain.csproj src/Vidsnap.Domain/
COPY src/Vidsnap.Platform/Vidsnap.Platform.csproj src/Vidsnap.Platform/
COPY src/Vidsnap.AccessTokens/Vidsnap.AccessTokens.csproj src/Vidsnap.AccessTokens/
COPY src/Vidsnap.Embedded/Vidsnap.Embedded.csproj src/Vidsnap.Embedded/
COPY src/Vidsnap.PostgreSql/Vidsnap.PostgreSql.csproj src/Vidsnap.PostgreSql/
COPY src/Vidsnap.Aws/Vidsnap.Aws.csproj src/Vidsnap.Aws/
COPY src/Vidsnap.Smtp/Vidsnap.Smtp.csproj src/Vidsnap.Smtp/
COPY src/Vidsnap.Gateway/Vidsnap.Gateway.csproj src/Vidsnap.Gateway/
COPY src/Vidsnap.Auth/Vidsnap.Auth.csproj src/Vidsnap.Auth/
COPY src/Vidsnap.Api/Vidsnap.Api.csproj src/Vidsnap.Api/
COPY src/Vidsnap.VideoWorker/Vidsnap.VideoWorker.csproj src/Vidsnap.VideoWorker/
COPY src/Vidsnap.StatusWorker/Vidsnap.StatusWorker.csproj src/Vidsnap.StatusWorker/
COPY src/Vidsnap.Notifier/Vidsnap.Notifier.csproj src/Vidsnap.Notifier/
COPY src/Vidsnap.Host/Vidsnap.Host.csproj src/Vidsnap.Host/
COPY src/Vidsnap.Client/Vidsnap.Client.csproj src/Vidsnap.Client/
COPY src/Vidsnap.Cli/Vidsnap.Cli.csproj src/Vidsnap.Cli/
RUN dotnet restore src/Vidsnap.Host/Vidsnap.Host.csproj
COPY src/ src/
RUN dotnet publish src/Vidsnap.Host/Vidsnap.Host.csproj -c Release --no-restore -o /app

FROM ${RUNTIME_IMAGE} AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*
# The only writable places: /data (database in embedded mode, scratch space for jobs) and /tmp. Both are
# volumes in Kubernetes (emptyDir), so the root file system can be mounted read-only.
RUN mkdir -p /data && chown 1654:1654 /data
WORKDIR /app
COPY --from=build /app ./
ENV Urls=http://+:8080 \
    Vidsnap__DataDirectory=/data \
    DOTNET_NOLOGO=1
VOLUME ["/data"]
EXPOSE 8080
# 1654 is the image's unprivileged "app" user; numeric so Kubernetes' runAsNonRoot can verify it.
USER 1654
ENTRYPOINT ["dotnet", "vidsnap.dll"]
CMD ["--role", "all"]
