package dev.localbridge.map;

import static dev.localbridge.map.EntryPoint.Kind.CLI;
import static dev.localbridge.map.EntryPoint.Kind.MAIN;
import static dev.localbridge.map.EntryPoint.Kind.SERVER;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The imports and identifiers that give away a side effect or an entry point, per language. They are matched on the
 * text (JVM sources without their comments and string literals, see {@link SourceScanner}), which errs on the side
 * of telling.
 */
final class SourcePatterns {
    /** A pattern that marks an entry point of {@code kind}, run by {@code detail} (a framework name). */
    record EntryRule(Pattern pattern, EntryPoint.Kind kind, String detail) {
    }

    private static final Map<Language, Map<Effect, Pattern>> EFFECTS = new EnumMap<>(Language.class);
    private static final Map<Language, List<EntryRule>> ENTRIES = new EnumMap<>(Language.class);

    static {
        for (Language language : List.of(Language.JAVA, Language.KOTLIN)) {
            EFFECTS.put(language, jvmEffects());
        }
        EFFECTS.put(Language.PYTHON, pythonEffects());
        EFFECTS.put(Language.JAVASCRIPT, nodeEffects());
        EFFECTS.put(Language.TYPESCRIPT, nodeEffects());
        EFFECTS.put(Language.GO, goEffects());
        EFFECTS.put(Language.RUST, rustEffects());
        ENTRIES.put(Language.JAVA, javaEntries());
        ENTRIES.put(Language.KOTLIN, kotlinEntries());
        ENTRIES.put(Language.PYTHON, pythonEntries());
        ENTRIES.put(Language.JAVASCRIPT, nodeEntries());
        ENTRIES.put(Language.TYPESCRIPT, nodeEntries());
        ENTRIES.put(Language.GO, goEntries());
        ENTRIES.put(Language.RUST, rustEntries());
    }

    private SourcePatterns() {
    }

    static Map<Effect, Pattern> effects(Language language) {
        return EFFECTS.getOrDefault(language, Map.of());
    }

    static List<EntryRule> entries(Language language) {
        return ENTRIES.getOrDefault(language, List.of());
    }

    private static Map<Effect, Pattern> jvmEffects() {
        return effects(
                any("import\\s+java\\.net\\.(?!URI;|URISyntaxException;|URL(?:En|De)coder;|IDN;)", "\\bokhttp3?\\.",
                        "import\\s+io\\.vertx\\.(?:core\\.(?:http|net)|ext\\.web)\\.",
                        "import\\s+org\\.apache\\.(?:http|hc)\\.",
                        "import\\s+io\\.grpc\\.", "import\\s+io\\.netty\\.(?:channel|bootstrap)",
                        "import\\s+org\\.springframework\\.web", "import\\s+(?:jakarta|javax)\\.ws\\.rs",
                        "\\bHttpClient\\.new", "\\bcreateHttp(?:Server|Client)\\("),
                any("import\\s+java\\.nio\\.file\\.Files;",
                        "\\bFiles\\.(?:read|write|new|create|delete|copy|move|list|walk|lines)\\w*\\(",
                        "\\bnew\\s+File(?:Writer|Reader|InputStream|OutputStream)\\(", "\\bRandomAccessFile\\b",
                        "\\bFileChannel\\b", "\\.(?:readText|writeText|readBytes|writeBytes)\\("),
                any("import\\s+javax?\\.sql\\.", "import\\s+(?:jakarta|javax)\\.persistence\\.",
                        "import\\s+org\\.(?:hibernate|jooq)\\.", "import\\s+org\\.springframework\\.data\\.",
                        "import\\s+(?:redis\\.clients|io\\.lettuce|com\\.mongodb|org\\.mongodb)\\.",
                        "import\\s+io\\.vertx\\.(?:sqlclient|pgclient|redis)\\."),
                any("\\bProcessBuilder\\b", "Runtime\\.getRuntime\\(\\)\\.exec\\("));
    }

    private static Map<Effect, Pattern> pythonEffects() {
        return effects(
                pythonImport("requests|httpx|aiohttp|urllib3|urllib\\.request|http\\.client|http\\.server|socket"
                        + "|socketserver|websockets?|grpc|flask|fastapi|uvicorn|starlette|django|tornado|paramiko"
                        + "|ftplib|smtplib"),
                any("(?<!\\w)open\\(", "\\bos\\.(?:remove|unlink|rename|makedirs|mkdir|rmdir|replace)\\(",
                        "\\bshutil\\.", "\\.(?:write_text|read_text|write_bytes|read_bytes)\\("),
                any(pythonImport("sqlite3|psycopg2?|pymysql|MySQLdb|mysql\\.connector|sqlalchemy|pymongo|motor"
                        + "|redis|asyncpg|aiosqlite|peewee|django\\.db|sqlmodel|duckdb|elasticsearch|cassandra"),
                        "\\bsqlite3\\.connect\\("),
                any(pythonImport("subprocess|pexpect|sh"), "\\bsubprocess\\.\\w+\\(",
                        "\\bos\\.(?:system|popen|exec\\w*|spawn\\w*)\\(", "create_subprocess_(?:exec|shell)"));
    }

    private static Map<Effect, Pattern> nodeEffects() {
        return effects(
                any(nodeImport("https?|http2|net|dgram|tls|axios|node-fetch|got|undici|superagent|express|koa"
                        + "|fastify|@hapi/hapi|ws|socket\\.io(?:-client)?|@nestjs/core"),
                        "(?<![\\w.])fetch\\(", "\\bnew\\s+WebSocket\\(", "\\bXMLHttpRequest\\b"),
                any(nodeImport("fs|fs/promises|fs-extra|graceful-fs"), "(?<![\\w.])fs\\.\\w+\\(",
                        "\\bBun\\.(?:file|write)\\("),
                nodeImport("mongoose|mongodb|pg|mysql2?|sqlite3?|better-sqlite3|redis|ioredis|@prisma/client|knex"
                        + "|sequelize|typeorm|drizzle-orm|@supabase/supabase-js|firebase-admin"),
                any(nodeImport("child_process|execa|cross-spawn|shelljs|zx"), "\\bBun\\.spawn\\w*\\(",
                        "\\bDeno\\.Command\\b"));
    }

    private static Map<Effect, Pattern> goEffects() {
        return effects(
                goImport("net|net/http|net/rpc|google\\.golang\\.org/grpc|github\\.com/gin-gonic/gin"
                        + "|github\\.com/labstack/echo(?:/v\\d+)?|github\\.com/gofiber/fiber(?:/v\\d+)?"
                        + "|github\\.com/gorilla/\\w+|github\\.com/go-chi/chi(?:/v\\d+)?"),
                "\\b(?:os|ioutil)\\.(?:WriteFile|ReadFile|Create|Open|OpenFile|Remove|RemoveAll|Mkdir|MkdirAll"
                        + "|Rename|ReadDir)\\(",
                goImport("database/sql|gorm\\.io/[^\"]+|github\\.com/jmoiron/sqlx|github\\.com/jackc/pgx[^\"]*"
                        + "|github\\.com/lib/pq|github\\.com/(?:go-)?redis/[^\"]+|go\\.mongodb\\.org/[^\"]+"
                        + "|github\\.com/mattn/go-sqlite3|modernc\\.org/sqlite|go\\.etcd\\.io/bbolt"),
                any(goImport("os/exec"), "\\bexec\\.Command(?:Context)?\\(", "\\bsyscall\\.Exec\\("));
    }

    private static Map<Effect, Pattern> rustEffects() {
        return effects(
                any("\\b(?:reqwest|hyper|axum|actix_web|warp|rocket|tonic|ureq|surf|tungstenite|tokio_tungstenite)::",
                        "\\b(?:tokio|std|async_std)::net\\b"),
                any("\\b(?:std|tokio|async_std)::fs\\b", "\\bFile::(?:open|create)\\("),
                "\\b(?:sqlx|diesel|rusqlite|redis|postgres|tokio_postgres|mongodb|sea_orm|sled)::",
                any("\\b(?:std|tokio)::process\\b", "\\bCommand::new\\("));
    }

    private static List<EntryRule> javaEntries() {
        return List.of(
                rule("\\bstatic\\s+(?:public\\s+)?void\\s+main\\s*\\(\\s*(?:final\\s+)?String", MAIN, ""),
                rule("import\\s+picocli\\.[\\s\\S]*@(?:CommandLine\\.)?Command\\b", CLI, "picocli"),
                rule("\\bcreateHttpServer\\(", SERVER, "Vert.x"),
                rule("\\bHttpServer\\.create\\(", SERVER, "JDK HttpServer"),
                rule("@SpringBootApplication\\b", SERVER, "Spring Boot"),
                rule("\\bJavalin\\.create\\(", SERVER, "Javalin"),
                rule("\\bnew\\s+ServerSocket\\(", SERVER, "ServerSocket"));
    }

    private static List<EntryRule> kotlinEntries() {
        return List.of(
                rule("^fun\\s+main\\s*\\(", MAIN, ""),
                rule("\\bembeddedServer\\(", SERVER, "Ktor"),
                rule("@SpringBootApplication\\b", SERVER, "Spring Boot"),
                rule("import\\s+com\\.github\\.ajalt\\.clikt", CLI, "Clikt"));
    }

    private static List<EntryRule> pythonEntries() {
        return List.of(
                rule("^if\\s+__name__\\s*==\\s*['\"]__main__['\"]\\s*:", MAIN, "__main__"),
                rule("\\bArgumentParser\\(", CLI, "argparse"),
                rule("@click\\.(?:command|group)\\b", CLI, "click"),
                rule("\\btyper\\.Typer\\(", CLI, "typer"),
                rule("\\bfire\\.Fire\\(", CLI, "fire"),
                rule("\\bFlask\\(\\s*__name__", SERVER, "Flask"),
                rule("\\bFastAPI\\(", SERVER, "FastAPI"),
                rule("\\buvicorn\\.run\\(", SERVER, "uvicorn"),
                rule("\\b(?:ThreadingHTTPServer|HTTPServer)\\(", SERVER, "http.server"),
                rule("\\bweb\\.run_app\\(", SERVER, "aiohttp"),
                rule("\\bexecute_from_command_line\\(", SERVER, "Django"));
    }

    private static List<EntryRule> nodeEntries() {
        return List.of(
                rule("\\A#!.*\\bnode\\b", CLI, "node script"),
                rule(nodeImport("commander"), CLI, "commander"),
                rule(nodeImport("yargs"), CLI, "yargs"),
                rule("\\bexpress\\(\\s*\\)", SERVER, "Express"),
                rule(any("\\bhttps?\\.createServer\\(", nodeImport("https?") + "[\\s\\S]*\\bcreateServer\\("),
                        SERVER, "node:http"),
                rule("\\b[Ff]astify\\(", SERVER, "Fastify"),
                rule("\\bnew\\s+Koa\\(", SERVER, "Koa"),
                rule("\\bNestFactory\\.create\\b", SERVER, "NestJS"),
                rule("\\bBun\\.serve\\(", SERVER, "Bun"));
    }

    private static List<EntryRule> goEntries() {
        return List.of(
                rule("^package\\s+main\\b", MAIN, "package main"),
                rule("\\bListenAndServe(?:TLS)?\\(", SERVER, "net/http"),
                rule("\\bgin\\.(?:Default|New)\\(\\)", SERVER, "Gin"),
                rule("\\becho\\.New\\(\\)", SERVER, "Echo"),
                rule("\\bfiber\\.New\\(", SERVER, "Fiber"),
                rule("\\bgrpc\\.NewServer\\(", SERVER, "gRPC"),
                rule("\\bcobra\\.Command\\b", CLI, "cobra"),
                rule("\"github\\.com/urfave/cli", CLI, "urfave/cli"));
    }

    private static List<EntryRule> rustEntries() {
        return List.of(
                rule("\\bclap::|#\\[derive\\([^)]*\\bParser\\b", CLI, "clap"),
                rule("\\baxum::(?:serve|Server)\\b", SERVER, "axum"),
                rule("\\bactix_web::[\\s\\S]*\\bHttpServer::new\\(", SERVER, "actix-web"),
                rule("\\bwarp::serve\\(", SERVER, "warp"),
                rule("\\brocket::build\\(|#\\[launch\\]", SERVER, "Rocket"),
                rule("\\bhyper::(?:Server|server)\\b", SERVER, "hyper"),
                rule("\\btonic::transport::Server\\b", SERVER, "tonic"));
    }

    private static Map<Effect, Pattern> effects(String network, String files, String database, String processes) {
        Map<Effect, Pattern> patterns = new EnumMap<>(Effect.class);
        patterns.put(Effect.NETWORK, compile(network));
        patterns.put(Effect.FILES, compile(files));
        patterns.put(Effect.DATABASE, compile(database));
        patterns.put(Effect.PROCESSES, compile(processes));
        return patterns;
    }

    private static EntryRule rule(String regex, EntryPoint.Kind kind, String detail) {
        return new EntryRule(compile(regex), kind, detail);
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.MULTILINE);
    }

    private static String any(String... alternatives) {
        return String.join("|", alternatives);
    }

    /** {@code import x} or {@code from x import y} of one of the {@code |}-separated modules (or a submodule). */
    private static String pythonImport(String modules) {
        return "^\\s*(?:import|from)\\s+(?:" + modules + ")(?:\\.\\w+)*\\b";
    }

    /** An ES import or CommonJS require of one of the {@code |}-separated packages (or a subpath). */
    private static String nodeImport(String packages) {
        return "(?:\\bfrom\\s*|\\brequire\\(\\s*|\\bimport\\(\\s*|^\\s*import\\s+)['\"](?:node:)?(?:" + packages
                + ")(?:/[^'\"]*)?['\"]";
    }

    /** A Go import path, quoted as it is in an import declaration. */
    private static String goImport(String paths) {
        return "\"(?:" + paths + ")\"";
    }
}
