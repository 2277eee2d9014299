// Camera scanning on the check-in page, where the browser has the BarcodeDetector API.
// Without it (or without a camera) the page works as a plain form: type the code.
(function () {
  "use strict";
  var box = document.getElementById("check-in-camera");
  var start = document.getElementById("check-in-camera-start");
  var video = document.getElementById("check-in-video");
  var form = document.getElementById("check-in-form");
  var input = document.getElementById("check-in-code");
  if (!box || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  box.hidden = false;
  start.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        start.hidden = true;
        return video.play().then(function () {
          function scan() {
            detector.detect(video).then(function (codes) {
              if (codes.length) {
                stream.getTracks().forEach(function (track) { track.stop(); });
                input.value = codes[0].rawValue;
                form.submit();
              } else {
                window.requestAnimationFrame(scan);
              }
            }, function () { window.requestAnimationFrame(scan); });
          }
          scan();
        });
      })
      .catch(function () {
        box.hidden = true;
        input.focus();
      });
  });
})();
