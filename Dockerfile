# Jalon en conteneur (docs/exploitation.md, « Avec un moteur de conteneurs ») : construction en deux étapes,
# image finale sur le runtime ASP.NET Core seul, utilisateur non root, système de fichiers racine en lecture seule
# (compose.yaml : read_only: true ; seuls /var/lib/jalon et /tmp sont inscriptibles).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cd src/Jalon.Web && npm ci --ignore-scripts --no-audit --no-fund
RUN dotnet publish src/Jalon.Web/Jalon.Web.csproj -c Release -o /out/app \
 && dotnet publish src/Jalon.Cli/Jalon.Cli.csproj -c Release -o /out/cli \
 && mkdir -p /out/app/node_modules/@gouvfr/dsfr \
 && cp -r src/Jalon.Web/node_modules/@gouvfr/dsfr/dist /out/app/node_modules/@gouvfr/dsfr/dist

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# pg_dump / pg_restore pour ./jalon sauvegarder et restaurer ; curl pour la sonde de santé.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client curl && rm -rf /var/lib/apt/lists/*
RUN groupadd --system jalon && useradd --system --gid jalon --home-dir /var/lib/jalon jalon \
 && mkdir -p /var/lib/jalon && chown jalon:jalon /var/lib/jalon
COPY --from=build /out /opt/jalon
WORKDIR /opt/jalon/app
USER jalon
ENV HOME=/var/lib/jalon \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    Jalon__Database__Provider=postgres \
    Jalon__Sauvegardes__Dossier=/var/lib/jalon/sauvegardes \
    Jalon__Import__Attente=/var/lib/jalon/imports \
    ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsS http://127.0.0.1:8080/sante/pret || exit 1
ENTRYPOINT ["dotnet", "/opt/jalon/app/Jalon.Web.dll"]
