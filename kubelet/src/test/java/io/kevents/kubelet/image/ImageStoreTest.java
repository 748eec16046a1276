package io.kevents.kubelet.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageStoreTest {

    private final ImageStore store = new ImageStore(ImageCatalogue.seed());

    @Test
    void listsTheFiftyLargestImagesLargestFirst() {
        ImageCatalogue many = ImageCatalogue.empty();
        for (int i = 1; i <= 60; i++) {
            many = many.with("app-" + i + ":1", ImageEntry.present(i * 1_000_000L));
        }

        List<ContainerImage> images = new ImageStore(many).nodeImages();

        assertThat(images).hasSize(ImageStore.MAX_IMAGES_IN_NODE_STATUS);
        assertThat(images.get(0).getNames().get(1)).isEqualTo("docker.io/library/app-60:1");
        assertThat(images.get(49).getSizeBytes()).isEqualTo(11_000_000L);
    }

    @Test
    void listsThePresentImagesWithDigestAndTagNamesAndSize() {
        List<ContainerImage> images = store.nodeImages();

        assertThat(images).extracting(image -> image.getNames().get(1))
                .containsExactly("docker.io/library/nginx:1.8", "docker.io/library/alpine:latest");
        assertThat(images.get(0).getNames().get(0)).matches("docker.io/library/nginx@sha256:[0-9a-f]{64}");
        assertThat(images.get(0).getSizeBytes()).isEqualTo(132_768_575L);
    }

    @Test
    void theSameListComesBackUntilAPullAddsAnImage() {
        List<ContainerImage> before = store.nodeImages();
        assertThat(store.nodeImages()).isSameAs(before);

        store.add(ImageReference.parse("nginx:1.8")); // already present: nothing changes
        assertThat(store.nodeImages()).isSameAs(before);

        store.add(ImageReference.parse("redis:7"));
        List<ContainerImage> after = store.nodeImages();
        // Pulled images are 30 MB in the seed's catalogue: between nginx and alpine.
        assertThat(after).extracting(image -> image.getNames().get(1)).containsExactly("docker.io/library/nginx:1.8",
                "docker.io/library/redis:7", "docker.io/library/alpine:latest");
    }
}
