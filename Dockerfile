# syntax=docker/dockerfile:1
# One multi-stage image definition for every service: docker build --build-arg MODULE=call-ingest .
# BuildKit (Docker 23+ default) keeps the Maven repository in a cache mount between builds, so a rebuild downloads
# nothing it already has; the runnable jar is extracted into Spring Boot's layers (dependencies, loader, snapshot
# dependencies, application), each its own image layer, so a code change ships only the application layer.
FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2,id=callcenter-m2 \
    mvn -B -q -DskipTests install -pl ${MODULE} -am \
    && java -Djarmode=tools -jar ${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar extract --layers --launcher \
       --destination /extracted

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 callcenter \
    && mkdir -p /var/lib/call-ingest /var/lib/call-stats && chown callcenter /var/lib/call-ingest /var/lib/call-stats
# (call-ingest's and call-stats' state volumes are mounted there; a new named volume takes this directory's owner,
# else it is root's)
WORKDIR /app
# least often changed first: a rebuild after a code change reuses the dependency layers
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER callcenter
# heap as a share of the container's memory limit (docker-compose.yml sets the limits, and overrides the share where
# a service needs more room outside the heap)
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
