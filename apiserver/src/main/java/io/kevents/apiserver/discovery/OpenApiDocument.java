package io.kevents.apiserver.discovery;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code /openapi/v2} document, in the protobuf encoding kubectl requires (the gnostic {@code openapi_v2.Document}
 * message; kubectl cannot parse JSON here). kubectl 1.20 downloads it before every {@code create -f} and
 * {@code apply -f} to validate; 1.32 falls back to it when {@code /openapi/v3} is absent. A document without
 * definitions makes kubectl skip client-side validation ("resource is not present"), which is what we want: the
 * server validates.
 */
public final class OpenApiDocument {

    // Field numbers of gnostic's openapi_v2.Document and openapi_v2.Info.
    private static final int DOCUMENT_SWAGGER = 1;
    private static final int DOCUMENT_INFO = 2;
    private static final int DOCUMENT_PATHS = 8;
    private static final int DOCUMENT_DEFINITIONS = 9;
    private static final int INFO_TITLE = 1;
    private static final int INFO_VERSION = 2;

    private OpenApiDocument() {
    }

    /**
     * The Content-Type of the answer. kubectl asks for {@code ...spec.v2@v1.0+protobuf}, but Go's MIME parser
     * rejects '@' in a response type, so kube-apiserver answers with a dot instead.
     */
    public static final String PROTOBUF_CONTENT_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    /** The encoded document: swagger 2.0, info, empty paths and definitions. */
    public static byte[] minimal(String kubernetesVersion) {
        try {
            byte[] info = message(out -> {
                out.writeString(INFO_TITLE, "Kubernetes");
                out.writeString(INFO_VERSION, "v" + kubernetesVersion);
            });
            return message(out -> {
                out.writeString(DOCUMENT_SWAGGER, "2.0");
                out.writeByteArray(DOCUMENT_INFO, info);
                out.writeByteArray(DOCUMENT_PATHS, new byte[0]);
                out.writeByteArray(DOCUMENT_DEFINITIONS, new byte[0]);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        fields.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
