// The support contact form: sending it is the moment the ces-support survey asks how easy
// getting help was.
var form = document.getElementById("contact");
form?.addEventListener("submit", (e) => {
  e.preventDefault();
  form.hidden = true;
  var sent = document.getElementById("contact-sent");
  if (sent) sent.hidden = false;
  touchpoint.track("support_request_sent");
});
