package dev.localbridge.map;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Maven: {@code pom.xml} modules, the main class from the shade or jar plugin, and the wrapper if there is one. */
final class MavenDetector implements BuildDetector {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    @Override
    public Optional<BuildFacts> detect(Tree tree, String dir) {
        String file = Tree.join(dir, "pom.xml");
        Optional<String> text = tree.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String mvn = tree.has(Tree.join(dir, "mvnw")) ? "./mvnw" : "mvn";
        BuildFacts.Builder facts = BuildFacts.builder("Maven", file)
                .command("build", mvn + " package", dir)
                .command("test", mvn + " test", dir);
        parse(text.get()).ifPresent(pom -> describe(pom, facts, mvn, dir));
        return Optional.of(facts.build());
    }

    private static void describe(Element project, BuildFacts.Builder facts, String mvn, String dir) {
        Map<String, String> properties = properties(project);
        String artifactId = properties.getOrDefault("project.artifactId", "");
        facts.projectName(artifactId);
        List<String> modules = child(project, "modules").map(m -> texts(m, "module")).orElse(List.of());
        if (!modules.isEmpty()) {
            facts.detail("modules: " + String.join(", ", modules));
        }
        TreeSet<String> mainClasses = new TreeSet<>();
        for (String tag : List.of("mainClass", "Main-Class")) {
            NodeList found = project.getElementsByTagName(tag);
            for (int i = 0; i < found.getLength(); i++) {
                mainClasses.add(resolve(found.item(i).getTextContent().strip(), properties));
            }
        }
        mainClasses.removeIf(name -> name.isEmpty() || name.contains("${"));
        mainClasses.forEach(name -> facts.entryPoint(EntryPoint.Kind.MAIN, name, "pom.xml"));
        boolean fatJar = pluginUsed(project, "maven-shade-plugin") || pluginUsed(project, "maven-assembly-plugin");
        if (!mainClasses.isEmpty() && fatJar) {
            facts.command("run", "java -jar target/" + finalName(project, properties) + ".jar", dir);
        }
    }

    private static String finalName(Element project, Map<String, String> properties) {
        return child(project, "build").flatMap(build -> child(build, "finalName"))
                .map(name -> resolve(name.getTextContent().strip(), properties))
                .orElse(properties.getOrDefault("project.artifactId", "") + "-"
                        + properties.getOrDefault("project.version", ""));
    }

    private static boolean pluginUsed(Element project, String artifactId) {
        NodeList ids = project.getElementsByTagName("artifactId");
        for (int i = 0; i < ids.getLength(); i++) {
            if (ids.item(i).getTextContent().strip().equals(artifactId)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> properties(Element project) {
        Map<String, String> properties = new HashMap<>();
        child(project, "properties").ifPresent(declared -> {
            for (Node node = declared.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element) {
                    properties.put(element.getTagName(), element.getTextContent().strip());
                }
            }
        });
        for (String field : List.of("artifactId", "version", "groupId", "name")) {
            child(project, field).ifPresent(e -> properties.put("project." + field, e.getTextContent().strip()));
        }
        return properties;
    }

    private static String resolve(String value, Map<String, String> properties) {
        String resolved = value;
        for (int round = 0; round < 5 && resolved.contains("${"); round++) {
            Matcher matcher = PROPERTY.matcher(resolved);
            resolved = matcher.replaceAll(m ->
                    Matcher.quoteReplacement(properties.getOrDefault(m.group(1), m.group())));
        }
        return resolved;
    }

    private static List<String> texts(Element parent, String tag) {
        List<String> texts = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                texts.add(element.getTextContent().strip());
            }
        }
        return texts;
    }

    private static Optional<Element> child(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    /** The {@code <project>} element; empty if the file is not well-formed XML. DTDs and entities are refused. */
    private static Optional<Element> parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            return Optional.of(document.getDocumentElement());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
