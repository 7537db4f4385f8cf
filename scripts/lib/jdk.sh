# Finds a JDK whose major version is at least 25 and exports JAVA_HOME and JAVA for it.
# Sourced by ./localbridge and ./run-tests. Looks at $LOCALBRIDGE_JAVA_HOME, $JAVA_HOME, `java` on PATH,
# then the usual install folders (Debian/Ubuntu, Fedora, SDKMAN, Homebrew, macOS).

LOCALBRIDGE_MIN_JAVA=25

_lb_java_major() {
  local version release
  # The JDK's `release` file says its version without starting a JVM (~40 ms each); `java -version` otherwise.
  release="$(dirname "$(dirname "$(readlink -f "$1")")")/release"
  if [ -f "$release" ]; then
    version=$(awk -F'"' '/^JAVA_VERSION=/ {print $2; exit}' "$release")
  fi
  if [ -z "${version:-}" ]; then
    version=$("$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}') || return 1
  fi
  case "$version" in
    1.*) echo "${version#1.}" | cut -d. -f1 ;;
    *) echo "$version" | cut -d. -f1 | cut -d- -f1 | cut -d+ -f1 ;;
  esac
}

_lb_candidates() {
  [ -n "${LOCALBRIDGE_JAVA_HOME:-}" ] && echo "$LOCALBRIDGE_JAVA_HOME/bin/java"
  [ -n "${JAVA_HOME:-}" ] && echo "$JAVA_HOME/bin/java"
  command -v java 2>/dev/null || true
  local dir
  for dir in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
             "$HOME"/.jdks/* /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
             /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$dir/bin/java" ] && echo "$dir/bin/java"
  done
}

lb_find_jdk() {
  local candidate major real
  while IFS= read -r candidate; do
    [ -x "$candidate" ] || continue
    major=$(_lb_java_major "$candidate" 2>/dev/null) || continue
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if [ "$major" -ge "$LOCALBRIDGE_MIN_JAVA" ]; then
      real=$(readlink -f "$candidate")
      if [ -x "$(dirname "$real")/javac" ]; then
        JAVA="$real"
        JAVA_HOME="$(dirname "$(dirname "$real")")"
        export JAVA JAVA_HOME
        return 0
      fi
    fi
  done < <(_lb_candidates)
  echo "localbridge: no JDK $LOCALBRIDGE_MIN_JAVA or newer found (looked at \$JAVA_HOME, PATH, /usr/lib/jvm," \
       "SDKMAN, Homebrew). Install one (e.g. Temurin 25) or set LOCALBRIDGE_JAVA_HOME." >&2
  return 1
}
