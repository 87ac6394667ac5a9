package io.stressgate.engine.scenario;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads, substitutes and validates a scenario file, reporting every problem at once. */
public final class ScenarioLoader {
    private final Variables variables;
    private final ScenarioLimits limits;
    private final Path filesRoot;

    public ScenarioLoader(Variables variables, ScenarioLimits limits) {
        this(variables, limits, null);
    }

    /** A loader whose body files must lie inside {@code filesRoot}; null keeps them in the scenario's folder. */
    public ScenarioLoader(Variables variables, ScenarioLimits limits, Path filesRoot) {
        this.variables = variables;
        this.limits = limits;
        this.filesRoot = filesRoot;
    }

    /** Loads a scenario file (YAML, or JSON by extension). */
    public Scenario load(Path file) throws ScenarioException {
        String name = file.toString();
        byte[] bytes = readCapped(file);
        String text = utf8(name, bytes);
        Path dir = file.toAbsolutePath().getParent();
        return parse(name, text, dir == null ? Path.of(".") : dir, sha256(bytes));
    }

    /** Parses scenario text; {@code baseDir} resolves body files and, unless a files root was given, confines them. */
    public Scenario parse(String fileName, String text, Path baseDir) throws ScenarioException {
        return parse(fileName, text, baseDir, sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Scenario parse(String fileName, String text, Path baseDir, String sha) throws ScenarioException {
        Problems problems = new Problems();
        Node root = new DocumentLoader(variables).load(fileName, text, problems);
        Scenario scenario = null;
        if (root != null) {
            scenario = new ScenarioReader(problems, limits, baseDir, filesRoot == null ? baseDir : filesRoot).read(root, new ScenarioSource(fileName, sha));
        }
        problems.throwIfAny(fileName);
        if (scenario == null) {
            throw single(fileName, "the scenario could not be read");
        }
        return scenario;
    }

    /** Reads a scenario or gates file, refused above {@link DocumentLoader#MAX_BYTES} or when unreadable. */
    static byte[] readCapped(Path file) throws ScenarioException {
        String name = file.toString();
        try {
            if (Files.size(file) > DocumentLoader.MAX_BYTES) {
                throw single(name, "the file is larger than " + DocumentLoader.MAX_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw single(name, "cannot read the file: " + e.getMessage());
        }
    }

    /** Decodes a file's bytes as strict UTF-8, naming the file when they are not. */
    static String utf8(String name, byte[] bytes) throws ScenarioException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw single(name, "the file is not valid UTF-8");
        }
    }

    /** A refusal of a whole file, at no line: it could not be read, or it is too large. */
    static ScenarioException single(String file, String message) {
        return new ScenarioException(file, java.util.List.of(new Problem(Location.of(file), "", message)));
    }

    /** The hex SHA-256 of a file's bytes, as results name the scenario and gates files they came from. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
