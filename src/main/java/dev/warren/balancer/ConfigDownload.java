package dev.warren.balancer;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A rendered config as a file to save: the same answer for the page and the API.
 */
final class ConfigDownload {

	private ConfigDownload() {
	}

	static ResponseEntity<String> of(RenderedConfig config) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(config.mediaType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(config.fileName()).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(config.content());
	}

}
