package dev.localbridge.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** The per-install secret that signs thinking blocks: 32 random bytes, created on first use, readable only by the owner. */
public final class InstallKey {
    private InstallKey() {
    }

    public static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                return Files.readAllBytes(file);
            }
            Files.write(file, key, StandardOpenOption.TRUNCATE_EXISTING);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the install key " + file, e);
        }
    }
}
