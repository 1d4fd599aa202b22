# The Warren console. Built by docker-compose.yml; see the README.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY frontend-assets frontend-assets
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/warren warren && mkdir -p /var/lib/warren && chown warren /var/lib/warren
USER warren
WORKDIR /var/lib/warren
COPY --from=build /src/target/warren-*.jar /opt/warren/warren.jar
ENV WARREN_DATA_DIR=/var/lib/warren
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/warren/warren.jar"]
