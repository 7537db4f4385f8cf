package dev.localbridge.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go, Rust, Gradle, Make and multi-module Maven, each read from its build files and sources. */
class OtherBuildSystemsTest {
    @Test
    void go_module_with_commands_under_cmd(@TempDir Path root) {
        String map = new Repo(root).with(
                "go.mod", "module example.com/shop\n\ngo 1.22\n",
                "cmd/shopd/main.go", """
                        package main

                        import "net/http"

                        func main() { http.ListenAndServe(":8080", nil) }
                        """,
                "cmd/shopctl/main.go",
                "package main\n\nimport \"github.com/spf13/cobra\"\n\nvar root = &cobra.Command{}\n",
                "internal/store/store.go", "package store\n\nimport \"database/sql\"\n\nvar DB *sql.DB\n",
                "internal/store/store_test.go",
                "package store\n\nimport \"os\"\n\nfunc TestX() { os.WriteFile(\"x\", nil, 0o600) }\n",
                "internal/jobs/run.go", "package jobs\n\nimport \"os/exec\"\n\nvar C = exec.Command(\"ls\")\n",
                "Makefile", ".PHONY: build test\nbuild:\n\tgo build ./...\ntest: build\n\tgo test ./...\n"
                        + "lint:\n\tgolangci-lint run\nVERSION := 1\n%.o: %.c\n\tcc $<\n")
                .section(2000);
        assertThat(map).contains("- Build: Go (go.mod; module example.com/shop) · Make (Makefile)");
        assertThat(map).contains("- build: `go build ./...` (Go)", "- test: `go test ./...` (Go)",
                "- test: `make test` (Make)");
        assertThat(map).contains("- make targets (Makefile): build, lint, test");
        assertThat(Repo.line(map, "- main:"))
                .isEqualTo("- main: `./cmd/shopctl` (package main), `./cmd/shopd` (package main)");
        assertThat(Repo.line(map, "- server:")).isEqualTo("- server: `cmd/shopd/main.go` (net/http)");
        assertThat(Repo.line(map, "- CLI:")).isEqualTo("- CLI: `cmd/shopctl/main.go` (cobra)");
        assertThat(map).contains("Go packages (files):", "- `internal/store` (1)", "- `cmd/shopd` (1)");
        assertThat(Repo.line(map, "- databases:")).isEqualTo("- databases: `internal/store`");
        assertThat(Repo.line(map, "- processes:")).isEqualTo("- processes: `internal/jobs`");
        assertThat(Repo.line(map, "- files:")).isEqualTo("- files: tests: `internal/store`");
        assertThat(Repo.line(map, "- `cmd/`")).contains("commands (main packages)");
    }

    @Test
    void rust_crate_with_binaries_and_clap(@TempDir Path root) {
        String map = new Repo(root).with(
                "Cargo.toml", """
                        [package]
                        name = "grep-lite"   # the crate
                        version = "0.1.0"

                        [[bin]]
                        name = "gl-bench"
                        path = "benches/main.rs"

                        [dependencies]
                        clap = { version = "4", features = ["derive"] }
                        """,
                "src/main.rs",
                "use clap::Parser;\n#[derive(Parser)]\nstruct Args {}\nfn main() { std::fs::read(\"x\"); }\n",
                "src/bin/indexer.rs", "fn main() { std::process::Command::new(\"ls\"); }\n",
                "src/search/mod.rs", "pub fn find() {}\n")
                .section(2000);
        assertThat(map).contains("- Project: `grep-lite`", "- test: `cargo test` (Cargo)",
                "- run: `cargo run --bin grep-lite` (Cargo)");
        assertThat(Repo.line(map, "- main:")).isEqualTo("- main: `gl-bench` (benches/main.rs),"
                + " `grep-lite` (src/main.rs),"
                + " `indexer` (src/bin/indexer.rs)");
        assertThat(Repo.line(map, "- CLI:")).isEqualTo("- CLI: `src/main.rs` (clap)");
        assertThat(Repo.line(map, "- files:")).isEqualTo("- files: `src`");
        assertThat(Repo.line(map, "- processes:")).isEqualTo("- processes: `src/bin`");
    }

    @Test
    void gradle_build_with_subprojects_and_an_application_main_class(@TempDir Path root) {
        String map = new Repo(root).with(
                "settings.gradle.kts", "rootProject.name = \"ledger\"\ninclude(\"core\", \":app\")\n",
                "gradlew*", "#!/bin/sh\n",
                "app/build.gradle.kts", "",
                "build.gradle.kts",
                "plugins {\n    application\n}\napplication {\n    mainClass.set(\"org.ledger.App\")\n}\n",
                "app/src/main/java/org/ledger/App.java",
                "package org.ledger;\npublic class App { public static void main(String[] args) {} }\n",
                "core/src/main/kotlin/org/ledger/core/Books.kt",
                "package org.ledger.core\n\nimport java.sql.DriverManager\nfun main() {}\n")
                .section(2000);
        assertThat(map).contains("- Project: `ledger`", "- Build: Gradle (build.gradle.kts; subprojects: app, core)");
        assertThat(map).contains("- build: `./gradlew build` (Gradle)", "- test: `./gradlew test` (Gradle)",
                "- run: `./gradlew run` (Gradle)");
        assertThat(Repo.line(map, "- main:")).isEqualTo("- main: `org.ledger.App` (build.gradle.kts),"
                + " `org.ledger.core.Books`");
        assertThat(map).contains("Java packages in `app/src/main/java/` (files):", "- `org.ledger` (1)",
                "Kotlin packages in `core/src/main/kotlin/` (files):", "- `org.ledger.core` (1)");
        assertThat(Repo.line(map, "- databases:")).isEqualTo("- databases: `org.ledger.core`");
        assertThat(map).doesNotContain("script: `gradlew`");
    }

    @Test
    void maven_multi_module_build_without_a_wrapper(@TempDir Path root) {
        String map = new Repo(root).with(
                "pom.xml", """
                        <project xmlns="http://maven.apache.org/POM/4.0.0">
                          <artifactId>parent</artifactId>
                          <modules><module>api</module><module>worker</module></modules>
                        </project>
                        """,
                "worker/pom.xml", "<project><artifactId>worker</artifactId></project>",
                "worker/src/main/java/com/acme/worker/Worker.java", """
                        package com.acme.worker;
                        // mentions ProcessBuilder only in a comment, and "java.sql" only in a string
                        public class Worker {
                            static final String NOTE = "import java.sql.Connection;";
                            public static void main(String[] args) throws Exception {
                                Runtime.getRuntime().exec("true");
                            }
                        }
                        """,
                "api/src/main/java/com/acme/api/Api.java", """
                        package com.acme.api;
                        import com.sun.net.httpserver.HttpServer;
                        class Api { void start() throws Exception { HttpServer.create(null, 0).start(); } }
                        """)
                .section(2000);
        assertThat(map).contains("- Build: Maven (pom.xml; modules: api, worker)", "- test: `mvn test` (Maven)");
        assertThat(Repo.line(map, "- main:")).isEqualTo("- main: `com.acme.worker.Worker`");
        assertThat(Repo.line(map, "- server:")).isEqualTo("- server: `com.acme.api.Api` (JDK HttpServer)");
        assertThat(map).contains("- `com.acme.api` (1, in `api/src/main/java/`)");
        assertThat(Repo.line(map, "- processes:")).isEqualTo("- processes: `com.acme.worker`");
        assertThat(Repo.line(map, "- databases:")).isEmpty();
        assertThat(Repo.line(map, "- `worker/`")).isEqualTo("- `worker/` — Java 1");
    }

    @Test
    void setup_py_console_scripts_and_unittest_when_pytest_is_not_used(@TempDir Path root) {
        String map = new Repo(root).with(
                "setup.py", """
                        from setuptools import setup
                        setup(name="tidy", entry_points={"console_scripts": ["tidy = tidy.main:run",
                                                                             "tidy-check=tidy.check:main"]})
                        """,
                "tidy/__init__.py", "",
                "tidy/__main__.py", "from tidy.main import run\nif __name__ == '__main__':\n    run()\n",
                "tidy/main.py", "import click\n\n@click.command()\ndef run():\n    open('x').read()\n",
                "test/test_main.py", "import unittest\n")
                .section(2000);
        assertThat(map).contains("- Project: `tidy`", "- install: `pip install -e .` (Python)",
                "- test: `python -m unittest discover` (Python)");
        assertThat(Repo.line(map, "- installed command:"))
                .isEqualTo("- installed command: `tidy` (tidy.main:run), `tidy-check` (tidy.check:main)");
        assertThat(Repo.line(map, "- main:")).isEqualTo("- main: `python -m tidy` (tidy/__main__.py)");
        assertThat(Repo.line(map, "- CLI:")).isEqualTo("- CLI: `tidy/main.py` (click)");
        assertThat(Repo.line(map, "- files:")).isEqualTo("- files: `tidy`");
        assertThat(Repo.line(map, "- `tidy/`")).isEqualTo("- `tidy/` — Python package; Python 3");
    }

    @Test
    void a_node_frontend_beside_a_python_backend_gets_commands_run_from_its_folder(@TempDir Path root) {
        String map = new Repo(root).with(
                "requirements.txt", "fastapi\npytest\n",
                "app/__init__.py", "",
                "app/main.py", "from fastapi import FastAPI\napp = FastAPI()\n",
                "tests/test_main.py", "def test_ok(): pass\n",
                "web/package.json", "{\"name\": \"web\", \"scripts\": {\"test\": \"jest\", \"dev\": \"vite\"}}",
                "web/pnpm-lock.yaml", "lockfileVersion: 9\n",
                "web/src/App.tsx", "export const App = () => fetch('/api');\n")
                .section(2000);
        assertThat(map).contains("- install: `pip install -r requirements.txt` (Python)", "- test: `pytest` (Python)",
                "- test: `cd web && pnpm test` (pnpm (web))", "- run: `cd web && pnpm run dev` (pnpm (web))");
        assertThat(Repo.line(map, "- server:")).isEqualTo("- server: `app/main.py` (FastAPI)");
        assertThat(Repo.line(map, "- `web/`")).isEqualTo("- `web/` — pnpm project; TypeScript 1");
        assertThat(Repo.line(map, "- network:")).isEqualTo("- network: `app`, `web/src`");
        assertThat(map).doesNotContain("pnpm-lock.yaml`");
    }
}
