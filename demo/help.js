// Stand-in for the SDK's upcoming scroll trigger: when the end of the article comes into view
// the reader has read it, and the csat-help survey ("Was this article helpful?") listens for
// the event the shop tracks here.
var end = document.getElementById("article-end");
var observer =
  end && "IntersectionObserver" in window
    ? new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          touchpoint.track("help_article_read");
        }
      })
    : undefined;
observer?.observe(end);
