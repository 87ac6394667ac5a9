package io.stressgate.engine.scenario;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads TLS key material from files with the JDK's own classes: PEM certificates (one or more), a PEM PKCS#8 private
 * key (RSA or EC), and PKCS#12 files. Every failure is an {@link IllegalArgumentException} whose message names the
 * file and says what is wrong with it, so the scenario reader can report it at the key that named the file.
 */
final class TlsMaterial {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final long MAX_FILE_BYTES = 1 << 20;

    private TlsMaterial() {
    }

    /** Every certificate in a PEM file, in the order written; a file with none is refused. */
    static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(file)) {
            if (!block.label.equals("CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) x509().generateCertificate(new ByteArrayInputStream(block.der)));
            } catch (CertificateException e) {
                throw new IllegalArgumentException(file + ": certificate " + (certificates.size() + 1) + " cannot be read: "
                        + e.getMessage());
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** The one private key in a PEM file: PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA or EC. */
    static PrivateKey privateKey(Path file) {
        List<Block> keys = blocks(file).stream().filter(b -> b.label.endsWith("PRIVATE KEY")).toList();
        if (keys.size() != 1) {
            throw new IllegalArgumentException(file + " holds " + keys.size() + " PEM private keys; it must hold exactly one");
        }
        Block key = keys.get(0);
        if (!key.label.equals("PRIVATE KEY")) {
            throw new IllegalArgumentException(file + " holds a \"" + key.label + "\" (" + keyFormat(key.label) + "); only"
                    + " unencrypted PKCS#8 (BEGIN PRIVATE KEY) is read: convert it with"
                    + " openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + " -out key.pkcs8.pem");
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(key.der));
            } catch (GeneralSecurityException e) {
                // not a key of this algorithm: try the next one
            }
        }
        throw new IllegalArgumentException(file + ": the private key is neither an RSA nor an EC PKCS#8 key");
    }

    /** The key and its chain from a PKCS#12 file: the file must hold exactly one private key. */
    static TlsOptions.ClientIdentity pkcs12(Path file, String password) {
        char[] secret = password.toCharArray();
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(read(file)), secret);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new WrongPassword(file + ": the password is wrong (" + e.getMessage() + ")");
            }
            throw new IllegalArgumentException(file + " is not a PKCS#12 file (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " cannot be read as PKCS#12: " + e.getMessage());
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.size() != 1) {
                throw new IllegalArgumentException(file + " holds " + keyAliases.size() + " private keys; it must hold exactly one");
            }
            String alias = keyAliases.get(0);
            PrivateKey key = (PrivateKey) store.getKey(alias, secret);
            List<X509Certificate> chain = new ArrayList<>();
            Certificate[] certificates = store.getCertificateChain(alias);
            for (Certificate c : certificates == null ? new Certificate[0] : certificates) {
                chain.add((X509Certificate) c);
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(file + ": the private key \"" + alias + "\" has no certificate");
            }
            return new TlsOptions.ClientIdentity(key, chain, file.toString());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": the private key cannot be read: " + e.getMessage());
        }
    }

    /** Refuses a key that does not belong to the chain's first certificate (it would fail every handshake). */
    static void checkPair(PrivateKey key, X509Certificate leaf, Path keyFile, Path certFile) {
        PublicKey publicKey = leaf.getPublicKey();
        boolean same = key.getAlgorithm().equals(publicKey.getAlgorithm());
        if (same) {
            try {
                String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
                byte[] probe = "stressgate key check".getBytes(StandardCharsets.US_ASCII);
                Signature signer = Signature.getInstance(algorithm);
                signer.initSign(key);
                signer.update(probe);
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance(algorithm);
                verifier.initVerify(publicKey);
                verifier.update(probe);
                same = verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                same = false;
            }
        }
        if (!same) {
            throw new IllegalArgumentException("the key in " + keyFile + " does not belong to the first certificate in "
                    + certFile + " (" + leaf.getSubjectX500Principal().getName() + ")");
        }
    }

    private static String keyFormat(String label) {
        return switch (label) {
            case "RSA PRIVATE KEY" -> "a PKCS#1 RSA key";
            case "EC PRIVATE KEY" -> "a SEC 1 EC key";
            case "ENCRYPTED PRIVATE KEY" -> "an encrypted PKCS#8 key";
            default -> "a key in a format not read here";
        };
    }

    private static List<Block> blocks(Path file) {
        String text = new String(read(file), StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": the PEM block \"" + m.group(1) + "\" is not valid base64");
            }
        }
        return blocks;
    }

    private static byte[] read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + " is larger than 1 MiB; it is not a certificate or key file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static CertificateFactory x509() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }

    /** The PKCS#12 file could not be opened with the password given. */
    static final class WrongPassword extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        WrongPassword(String message) {
            super(message);
        }
    }

    private record Block(String label, byte[] der) {
    }
}
