# One multi-stage image definition for every service: docker build --build-arg MODULE=call-ingest .
FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests install -pl ${MODULE} -am

FROM eclipse-temurin:17-jre
ARG MODULE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 callcenter \
    && mkdir -p /var/lib/call-ingest /var/lib/call-stats && chown callcenter /var/lib/call-ingest /var/lib/call-stats
# (call-ingest's and call-stats' state volumes are mounted there; a new named volume takes this directory's owner,
# else it is root's)
COPY --from=build /src/${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar /app/app.jar
USER callcenter
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
